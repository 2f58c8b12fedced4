package netstep.view.render;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A grid of values as a small indexed-colour PNG (a data: URI), coloured on the diverging palette.
 * Written by hand (signature, IHDR, PLTE, one IDAT, IEND): ImageIO's writer took 8× as long for a 64×64 map
 * (LibraryBenchmark: 710 µs vs 5.89 ms, docs/performance.md), and a step redraws up to 17 of these.
 */
public final class HeatmapPng {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] PALETTE = palette(Palette.LEVELS);
    /**
     * Colour levels of a smooth picture: with the browser's smoothing when it enlarges the image, steps this fine
     * leave no visible contour bands (21 levels did), and the palette and the image stay small (192 bytes of palette).
     */
    public static final int SMOOTH_LEVELS = 64;
    private static final byte[] SMOOTH_PALETTE = palette(SMOOTH_LEVELS);

    private HeatmapPng() {
    }

    /**
     * @param grid values, grid[row][column], row 0 at the top
     * @param low  the value drawn as full orange
     * @param high the value drawn as full purple; the midpoint is white
     */
    public static String dataUri(double[][] grid, double low, double high) {
        return dataUri(grid, low, high, Palette.LEVELS, PALETTE);
    }

    /** As {@link #dataUri}, on {@link #SMOOTH_LEVELS} colour levels: a picture that reads without bands. */
    public static String smoothDataUri(double[][] grid, double low, double high) {
        return dataUri(grid, low, high, SMOOTH_LEVELS, SMOOTH_PALETTE);
    }

    /**
     * As {@link #dataUri}, on {@code levels} colour levels (2 to 256): fewer for small pictures the browser
     * enlarges and smooths anyway, where the palette is most of the PNG.
     */
    public static String dataUri(double[][] grid, double low, double high, int levels) {
        checkLevels(levels);
        return dataUri(grid, low, high, levels, levels == SMOOTH_LEVELS ? SMOOTH_PALETTE : palette(levels));
    }

    /**
     * Pictures of one size stacked top to bottom in one PNG (a sprite: one header and palette for them all), each
     * between copies of its first and last row, so that the browser's smoothing of one never bleeds in the next:
     * picture k's rows start at row k·(rows + 2) + 1. {@code ranges[k]} is picture k's low and high.
     */
    public static String spriteDataUri(java.util.List<double[][]> grids, java.util.List<double[]> ranges, int levels) {
        checkLevels(levels);
        int rows = grids.get(0).length;
        int columns = grids.get(0)[0].length;
        byte[] scanlines = new byte[grids.size() * (rows + 2) * (columns + 1)];
        for (int k = 0; k < grids.size(); k++) {
            double[][] grid = grids.get(k);
            for (int r = -1; r <= rows; r++) {
                int offset = (k * (rows + 2) + r + 1) * (columns + 1) + 1;
                indexRow(grid[Math.max(0, Math.min(rows - 1, r))], ranges.get(k)[0], ranges.get(k)[1], levels,
                        scanlines, offset);
            }
        }
        return png(columns, grids.size() * (rows + 2), scanlines, palette(levels));
    }

    /** The colour a smooth picture gives t in [−1, 1]: t on the nearest of its levels. */
    public static int smoothRgb(double t) {
        return Palette.rgb(2.0 * level(t, SMOOTH_LEVELS) / (SMOOTH_LEVELS - 1) - 1);
    }

    /** The palette level (0 … levels − 1) of t in [−1, 1]; NaN is the middle. */
    static int level(double t, int levels) {
        if (Double.isNaN(t)) return levels / 2;
        double u = (Math.max(-1, Math.min(1, t)) + 1) / 2;
        return (int) Math.round(u * (levels - 1));
    }

    private static String dataUri(double[][] grid, double low, double high, int levels, byte[] palette) {
        int rows = grid.length;
        int columns = grid[0].length;
        byte[] scanlines = new byte[rows * (columns + 1)]; // each row starts with filter type 0 (none)
        for (int r = 0; r < rows; r++) indexRow(grid[r], low, high, levels, scanlines, r * (columns + 1) + 1);
        return png(columns, rows, scanlines, palette);
    }

    /** One row's palette indices from {@code offset} on: low drawn as the first level, high as the last. */
    private static void indexRow(double[] row, double low, double high, int levels, byte[] scanlines, int offset) {
        double mid = (low + high) / 2;
        double half = high > low ? (high - low) / 2 : 1;
        for (int c = 0; c < row.length; c++) scanlines[offset + c] = (byte) level((row[c] - mid) / half, levels);
    }

    private static void checkLevels(int levels) {
        if (levels < 2 || levels > 256) throw new IllegalArgumentException("2 to 256 levels, not " + levels);
    }

    /** The PNG of indexed scanlines (each row led by its filter type, 0), as a data: URI. */
    private static String png(int columns, int rows, byte[] scanlines, byte[] palette) {
        ByteArrayOutputStream png = new ByteArrayOutputStream(1024);
        png.writeBytes(SIGNATURE);
        chunk(png, "IHDR", header(columns, rows));
        chunk(png, "PLTE", palette);
        chunk(png, "IDAT", deflate(scanlines));
        chunk(png, "IEND", new byte[0]);
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }

    private static byte[] header(int width, int height) {
        byte[] h = new byte[13];
        putInt(h, 0, width);
        putInt(h, 4, height);
        h[8] = 8; // bits per palette index
        h[9] = 3; // colour type: indexed
        return h; // compression, filter and interlace methods 0
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) out.write(buffer, 0, deflater.deflate(buffer));
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        png.writeBytes(length);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] checksum = new byte[4];
        putInt(checksum, 0, (int) crc.getValue());
        png.writeBytes(checksum);
    }

    private static void putInt(byte[] into, int offset, int value) {
        into[offset] = (byte) (value >>> 24);
        into[offset + 1] = (byte) (value >>> 16);
        into[offset + 2] = (byte) (value >>> 8);
        into[offset + 3] = (byte) value;
    }

    private static byte[] palette(int levels) {
        byte[] rgb = new byte[3 * levels];
        for (int i = 0; i < levels; i++) {
            int colour = Palette.rgb(2.0 * i / (levels - 1) - 1);
            rgb[3 * i] = (byte) (colour >> 16);
            rgb[3 * i + 1] = (byte) (colour >> 8);
            rgb[3 * i + 2] = (byte) colour;
        }
        return rgb;
    }
}

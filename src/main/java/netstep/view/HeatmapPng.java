package netstep.view;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/** A grid of values as a small indexed-colour PNG (a data: URI), coloured on the diverging palette. */
final class HeatmapPng {
    private static final IndexColorModel COLOURS = colourModel();

    static {
        System.setProperty("java.awt.headless", "true");
        ImageIO.setUseCache(false);
    }

    private HeatmapPng() {
    }

    /**
     * @param grid values, grid[row][column], row 0 at the top
     * @param low  the value drawn as full orange
     * @param high the value drawn as full purple; the midpoint is white
     */
    static String dataUri(double[][] grid, double low, double high) {
        int rows = grid.length;
        int columns = grid[0].length;
        BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_INDEXED, COLOURS);
        byte[] pixels = new byte[rows * columns];
        double mid = (low + high) / 2;
        double half = high > low ? (high - low) / 2 : 1;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                pixels[r * columns + c] = (byte) Palette.level((grid[r][c] - mid) / half);
            }
        }
        image.getRaster().setDataElements(0, 0, columns, rows, pixels);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }

    private static IndexColorModel colourModel() {
        byte[] r = new byte[Palette.LEVELS];
        byte[] g = new byte[Palette.LEVELS];
        byte[] b = new byte[Palette.LEVELS];
        for (int i = 0; i < Palette.LEVELS; i++) {
            int rgb = Palette.rgb(Palette.levelValue(i));
            r[i] = (byte) (rgb >> 16);
            g[i] = (byte) (rgb >> 8);
            b[i] = (byte) rgb;
        }
        return new IndexColorModel(8, Palette.LEVELS, r, g, b);
    }
}

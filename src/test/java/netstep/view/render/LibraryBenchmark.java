package netstep.view.render;


import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * The hand-written pieces of the view against the library that would replace them, on the work the pages give
 * them: a 64×64 heat map as a PNG data: URI (HeatmapPng against javax.imageio), and a cache of eight networks'
 * rendered HTML, hit and churned (HtmlCache against Caffeine with the same bound), and the numbers of a trace in
 * the student's format (Digits' integer path against BigDecimal's rounding, which it falls back to at ties).
 */
public class LibraryBenchmark {
    /** 256 numbers as a trace has them: weights, activations and gradients from 1e-3 to 10, of both signs. */
    @State(Scope.Benchmark)
    public static class TraceNumbers {
        double[] values = new double[256];

        @Setup
        public void setUp() {
            java.util.Random random = new java.util.Random(3);
            for (int i = 0; i < values.length; i++) {
                values[i] = (random.nextBoolean() ? -1 : 1) * Math.pow(10, random.nextInt(4) - 3) * (1 + 9 * random.nextDouble());
            }
        }
    }

    @Benchmark
    public int digitsQuick(TraceNumbers n) {
        int length = 0;
        for (double v : n.values) length += Digits.FOUR.f(v).length();
        return length;
    }

    @Benchmark
    public int digitsBigDecimal(TraceNumbers n) {
        int length = 0;
        for (double v : n.values) length += Digits.FOUR.plainExactly(v).length();
        return length;
    }

    static final int GRID = 64;

    @State(Scope.Benchmark)
    public static class Heatmap {
        double[][] grid = new double[GRID][GRID];

        @Setup
        public void setUp() {
            ImageIO.setUseCache(false); // in memory, as a server would write it
            for (int r = 0; r < GRID; r++) {
                for (int c = 0; c < GRID; c++) grid[r][c] = Math.tanh(3 * (c - r) / (double) GRID + Math.sin(r * c));
            }
        }
    }

    @Benchmark
    public String pngHandWritten(Heatmap h) {
        return HeatmapPng.dataUri(h.grid, -1, 1);
    }

    @Benchmark
    public String pngImageIO(Heatmap h) {
        return imageIoDataUri(h.grid, -1, 1);
    }

    /** The same indexed-colour image as HeatmapPng's, written by ImageIO's PNG writer. */
    static String imageIoDataUri(double[][] grid, double low, double high) {
        int rows = grid.length;
        int columns = grid[0].length;
        double mid = (low + high) / 2;
        double half = high > low ? (high - low) / 2 : 1;
        byte[] r = new byte[Palette.LEVELS];
        byte[] g = new byte[Palette.LEVELS];
        byte[] b = new byte[Palette.LEVELS];
        for (int i = 0; i < Palette.LEVELS; i++) {
            int colour = Palette.rgb(Palette.levelValue(i));
            r[i] = (byte) (colour >> 16);
            g[i] = (byte) (colour >> 8);
            b[i] = (byte) colour;
        }
        BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, Palette.LEVELS, r, g, b));
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int row = 0; row < rows; row++) {
            for (int c = 0; c < columns; c++) {
                pixels[row * columns + c] = (byte) Palette.level((grid[row][c] - mid) / half);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(1024);
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
    }

    @State(Scope.Benchmark)
    public static class Caches {
        final HtmlCache<Integer> handWritten = new HtmlCache<>(2_000_000, HtmlCache.FEW_NETWORKS);
        final Cache<Integer, String> caffeine = Caffeine.newBuilder().maximumSize(HtmlCache.FEW_NETWORKS)
                .executor(Runnable::run).build();
        final String html = "<g>" + "x".repeat(20_000) + "</g>";
        int next;

        @Setup
        public void setUp() {
            for (int k = 0; k < HtmlCache.FEW_NETWORKS; k++) {
                handWritten.get(k, () -> html);
                caffeine.get(k, key -> html);
            }
        }
    }

    @Benchmark
    public String cacheHitHandWritten(Caches c) {
        return c.handWritten.get(3, () -> c.html);
    }

    @Benchmark
    public String cacheHitCaffeine(Caches c) {
        return c.caffeine.get(3, key -> c.html);
    }

    /** A new network every time: each get renders (here: returns the same text) and evicts the eldest. */
    @Benchmark
    public String cacheChurnHandWritten(Caches c) {
        return c.handWritten.get(1_000 + c.next++, () -> c.html);
    }

    @Benchmark
    public String cacheChurnCaffeine(Caches c) {
        return c.caffeine.get(1_000 + c.next++, key -> c.html);
    }
}

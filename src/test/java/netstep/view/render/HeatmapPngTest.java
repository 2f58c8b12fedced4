package netstep.view.render;

import netstep.view.*;

import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The hand-written PNG is the image javax.imageio writes from the same pixels (what LibraryBenchmark compares). */
class HeatmapPngTest {
    private static BufferedImage decode(String dataUri) throws IOException {
        String prefix = "data:image/png;base64,";
        assertEquals(prefix, dataUri.substring(0, prefix.length()));
        return ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(dataUri.substring(prefix.length()))));
    }

    @Test
    void decodesToTheSamePixelsAsImageIosPng() throws IOException {
        double[][] grid = new double[5][7];
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 7; c++) grid[r][c] = (c - 3) / 3.0 - r / 10.0;
        }
        BufferedImage ours = decode(HeatmapPng.dataUri(grid, -1, 1));
        BufferedImage theirs = decode(LibraryBenchmark.imageIoDataUri(grid, -1, 1));
        assertEquals(7, ours.getWidth());
        assertEquals(5, ours.getHeight());
        for (int r = 0; r < 5; r++) {
            for (int c = 0; c < 7; c++) {
                assertEquals(theirs.getRGB(c, r), ours.getRGB(c, r), "pixel " + r + "," + c);
                assertEquals(Palette.rgb(Palette.levelValue(Palette.level(grid[r][c]))), ours.getRGB(c, r) & 0xffffff,
                        "pixel " + r + "," + c + " on the palette");
            }
        }
    }

    @Test
    void theSmoothPictureHasFineLevelsOnThePaletteWithNoBandWiderThanOneStep() throws IOException {
        // a ramp across 100 columns: 21 levels paint it in 21 bands of about 5 columns; 64 levels in runs of at most 2
        double[][] ramp = new double[1][100];
        for (int c = 0; c < 100; c++) ramp[0][c] = -1 + 2.0 * c / 99;
        BufferedImage smooth = decode(HeatmapPng.smoothDataUri(ramp, -1, 1));
        BufferedImage banded = decode(HeatmapPng.dataUri(ramp, -1, 1));
        assertEquals(Palette.rgb(-1), smooth.getRGB(0, 0) & 0xffffff);
        assertEquals(Palette.rgb(1), smooth.getRGB(99, 0) & 0xffffff);
        int longestSmooth = 0, longestBanded = 0, runSmooth = 1, runBanded = 1;
        for (int c = 1; c < 100; c++) {
            runSmooth = smooth.getRGB(c, 0) == smooth.getRGB(c - 1, 0) ? runSmooth + 1 : 1;
            runBanded = banded.getRGB(c, 0) == banded.getRGB(c - 1, 0) ? runBanded + 1 : 1;
            longestSmooth = Math.max(longestSmooth, runSmooth);
            longestBanded = Math.max(longestBanded, runBanded);
            double t = ramp[0][c];
            int expected = Palette.rgb(2.0 * HeatmapPng.level(t, HeatmapPng.SMOOTH_LEVELS)
                    / (HeatmapPng.SMOOTH_LEVELS - 1) - 1);
            assertEquals(expected, smooth.getRGB(c, 0) & 0xffffff, "column " + c);
        }
        org.junit.jupiter.api.Assertions.assertTrue(longestSmooth <= 2, "smooth: runs of " + longestSmooth);
        org.junit.jupiter.api.Assertions.assertTrue(longestBanded >= 4, "banded: runs of " + longestBanded);
    }

    /** The sprite holds each picture as its own PNG would, between copies of its first and last row. */
    @Test
    void aSpriteStacksThePicturesEachBetweenCopiesOfItsEdgeRows() throws IOException {
        java.util.List<double[][]> grids = new java.util.ArrayList<>();
        java.util.List<double[]> ranges = new java.util.ArrayList<>();
        for (int k = 0; k < 3; k++) {
            double[][] grid = new double[4][5];
            for (int r = 0; r < 4; r++) {
                for (int c = 0; c < 5; c++) grid[r][c] = Math.sin(k + r * 0.7 - c * 0.4) * (k + 1);
            }
            grids.add(grid);
            ranges.add(new double[] {-(k + 1), k + 0.5});
        }
        BufferedImage sprite = decode(HeatmapPng.spriteDataUri(grids, ranges, 24));
        assertEquals(5, sprite.getWidth());
        assertEquals(3 * (4 + 2), sprite.getHeight());
        for (int k = 0; k < 3; k++) {
            BufferedImage alone = decode(HeatmapPng.dataUri(grids.get(k), ranges.get(k)[0], ranges.get(k)[1], 24));
            for (int r = -1; r <= 4; r++) {
                int from = Math.max(0, Math.min(3, r)); // the padding rows repeat the edge rows
                for (int c = 0; c < 5; c++) {
                    assertEquals(alone.getRGB(c, from), sprite.getRGB(c, k * 6 + r + 1), "picture " + k + ", row " + r);
                }
            }
        }
    }
}

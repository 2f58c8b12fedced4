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
}

package netstep.view.render;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QrCodeTest {
    private static final Pattern SIDE = Pattern.compile("viewBox=\"0 0 (\\d+) (\\d+)\"");
    private static final Pattern RUN = Pattern.compile("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");

    /** The drawn SVG, read back module by module, including the quiet zone. */
    private static boolean[][] drawn(String svg) {
        Matcher s = SIDE.matcher(svg);
        assertTrue(s.find(), svg);
        int side = Integer.parseInt(s.group(1));
        assertEquals(side, Integer.parseInt(s.group(2)));
        boolean[][] grid = new boolean[side][side];
        Matcher r = RUN.matcher(svg);
        while (r.find()) {
            int x = Integer.parseInt(r.group(1)), y = Integer.parseInt(r.group(2)), run = Integer.parseInt(r.group(3));
            assertEquals(run, Integer.parseInt(r.group(4)));
            for (int i = 0; i < run; i++) grid[y][x + i] = true;
        }
        return grid;
    }

    @Test
    void theSvgDecodesBackToTheLinkWithAnIndependentReader() throws Exception {
        String link = "http://192.168.1.20:7070/shared/Xk3v_9qLz2mN8pRtYw4bHc";
        boolean[][] grid = drawn(QrCode.svg("qr", link, "Link").render());
        int scale = 4, side = grid.length * scale;
        int[] pixels = new int[side * side];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) pixels[y * side + x] = grid[y / scale][x / scale] ? 0xff000000 : 0xffffffff;
        }
        var bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(side, side, pixels)));
        var result = new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE));
        assertEquals(link, result.getText());
    }

    @Test
    void theDrawnModulesAreTheLibrarysWithAQuietZone() {
        String text = "https://example.org/shared/abc";
        boolean[][] m = QrCode.modules(text);
        boolean[][] grid = drawn(QrCode.svg("qr", text, "Link").render());
        assertEquals(m.length + 2 * QrCode.BORDER, grid.length);
        for (int y = 0; y < grid.length; y++) {
            boolean[] expected = new boolean[grid.length];
            int my = y - QrCode.BORDER;
            if (my >= 0 && my < m.length) System.arraycopy(m[my], 0, expected, QrCode.BORDER, m.length);
            assertArrayEquals(expected, grid[y], "row " + y);
        }
        // the three finder patterns: a dark 7×7 ring in the corners
        assertTrue(m[0][0] && m[0][6] && m[6][0] && m[6][6] && !m[1][1] && m[3][3]);
        assertTrue(m[0][m.length - 1] && m[m.length - 1][0]);
    }

    @Test
    void theTextIsEscapedInTheDescription() {
        String svg = QrCode.svg("qr", "a<b&\"c", "Link").render();
        assertTrue(svg.contains("a&lt;b&amp;&quot;c"), svg);
    }

    @Test
    void emptyAndOverlongTextsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> QrCode.modules(""));
        assertThrows(IllegalArgumentException.class, () -> QrCode.modules("x".repeat(QrCode.MAX_TEXT + 1)));
    }
}

package netstep.view.render;

import io.nayuki.qrcodegen.DataTooLongException;

/**
 * A QR code of a short text (a shared experiment's link) as inline SVG, so an instructor can project it.
 * The encoding is io.nayuki:qrcodegen's; this class only draws its modules.
 */
public final class QrCode {
    /** The quiet zone around the symbol, in modules: the standard asks for 4, and readers need it. */
    public static final int BORDER = 4;
    /** Longer texts are refused: a link is far shorter, and a bigger symbol is hard to scan from a projector. */
    public static final int MAX_TEXT = 500;

    private QrCode() {
    }

    /**
     * The dark modules of the symbol, row by row (true = dark), without the quiet zone. Medium error correction,
     * raised by the library when it fits in the same size.
     */
    public static boolean[][] modules(String text) {
        if (text == null || text.isEmpty()) throw new IllegalArgumentException("a QR code needs a text");
        if (text.length() > MAX_TEXT) throw new IllegalArgumentException("the text is too long for a QR code to project");
        io.nayuki.qrcodegen.QrCode qr;
        try {
            qr = io.nayuki.qrcodegen.QrCode.encodeText(text, io.nayuki.qrcodegen.QrCode.Ecc.MEDIUM);
        } catch (DataTooLongException e) {
            throw new IllegalArgumentException("the text is too long for a QR code", e);
        }
        boolean[][] m = new boolean[qr.size][qr.size];
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) m[y][x] = qr.getModule(x, y);
        }
        return m;
    }

    /**
     * The symbol as an svg element: one path of unit squares on a white square, scaled by its container
     * (CSS sets its width). crispEdges keeps the module edges sharp at any size.
     */
    public static Svg svg(String id, String text, String title) {
        boolean[][] m = modules(text);
        int side = m.length + 2 * BORDER;
        StringBuilder d = new StringBuilder(m.length * m.length * 4);
        for (int y = 0; y < m.length; y++) {
            for (int x = 0; x < m.length; x++) {
                if (!m[y][x]) continue;
                // runs of dark modules in a row become one rectangle: a third of the path's length
                int run = 1;
                while (x + run < m.length && m[y][x + run]) run++;
                d.append('M').append(x + BORDER).append(' ').append(y + BORDER)
                        .append('h').append(run).append("v1h-").append(run).append('z');
                x += run - 1;
            }
        }
        return Svg.root(id, side, side, title, "A QR code of " + text)
                .withClass("qr-code").attr("shape-rendering", "crispEdges")
                .with(Svg.rect(0, 0, side, side).attr("fill", "#fff"),
                        Svg.el("path").attr("d", d.toString()).attr("fill", "#000"));
    }
}

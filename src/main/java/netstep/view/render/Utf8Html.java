package netstep.view.render;

import j2html.tags.DomContent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Rendered HTML written straight into UTF-8, in a buffer its thread keeps from one answer to the next. A step's
 * answer (30 to 150 KB) otherwise passes through a UTF-16 builder, a UTF-16 string and then its UTF-8 bytes: five
 * bytes of short-lived garbage a character, which under a class's load filled the young generation several times a
 * second. Here the only allocation is the answer's bytes, copied out once.
 */
public final class Utf8Html implements Appendable {
    /** A buffer grown past this by an unusually large answer is not kept for the thread's next one. */
    private static final int KEPT_CAPACITY = 512 * 1024;
    private static final int INITIAL_CAPACITY = 64 * 1024;
    private static final int CHUNK = 4096;
    private static final ThreadLocal<Utf8Html> PER_THREAD = ThreadLocal.withInitial(Utf8Html::new);

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int length;
    private char pendingHighSurrogate;
    private boolean inUse;

    private Utf8Html() {
    }

    /** Renders {@code parts} in order, each as {@code render()} would (text escaped), and returns their UTF-8. */
    public static byte[] render(DomContent... parts) {
        Utf8Html out = PER_THREAD.get();
        if (out.inUse) out = new Utf8Html(); // rendering within rendering: the thread's buffer is taken
        out.inUse = true;
        out.length = 0;
        out.pendingHighSurrogate = 0;
        try {
            for (DomContent part : parts) {
                if (part != null) part.render(out);
            }
            if (out.pendingHighSurrogate != 0) out.replacement();
            return Arrays.copyOf(out.bytes, out.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // appending to memory never throws it
        } finally {
            out.inUse = false;
            if (out.bytes.length > KEPT_CAPACITY) out.bytes = new byte[INITIAL_CAPACITY];
        }
    }

    @Override
    public Utf8Html append(CharSequence text) {
        return append(text, 0, text.length());
    }

    @Override
    public Utf8Html append(CharSequence text, int start, int end) {
        int i = start;
        if (pendingHighSurrogate != 0 && i < end) append(text.charAt(i++));
        while (i < end) i = encode(text, i, Math.min(end, i + CHUNK), end);
        return this;
    }

    /**
     * Encodes {@code text[from, to)} (a pair may reach one past {@code to}, up to {@code end}) and returns where it
     * stopped. In chunks, so that room is made for three bytes a character of a chunk, not of a whole long string.
     */
    private int encode(CharSequence text, int from, int to, int end) {
        room(3 * (to - from) + 4);
        byte[] b = bytes;
        int n = length;
        int i = from;
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                b[n++] = (byte) c; // most of a page: kept apart so that this loop stays tight
            } else if (!Character.isSurrogate(c)) {
                n = oneChar(b, n, c);
            } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))) {
                n = fourBytes(b, n, Character.toCodePoint(c, text.charAt(++i)));
            } else if (Character.isHighSurrogate(c) && i + 1 == end) {
                pendingHighSurrogate = c; // its low half may come with the next append
            } else {
                b[n++] = '?';
            }
        }
        length = n;
        return i;
    }

    @Override
    public Utf8Html append(char c) {
        room(4);
        if (pendingHighSurrogate != 0) {
            char high = pendingHighSurrogate;
            pendingHighSurrogate = 0;
            if (Character.isLowSurrogate(c)) {
                length = fourBytes(bytes, length, Character.toCodePoint(high, c));
                return this;
            }
            replacement();
        }
        if (Character.isHighSurrogate(c)) {
            pendingHighSurrogate = c;
        } else if (Character.isLowSurrogate(c)) {
            bytes[length++] = '?';
        } else {
            length = oneChar(bytes, length, c);
        }
        return this;
    }

    /** A lone surrogate is not a character: written as '?', as String.getBytes(UTF_8) writes it. */
    private void replacement() {
        pendingHighSurrogate = 0;
        room(1);
        bytes[length++] = '?';
    }

    /** A character that is not a surrogate: one to three bytes. */
    private static int oneChar(byte[] b, int n, char c) {
        if (c < 0x80) {
            b[n++] = (byte) c;
        } else if (c < 0x800) {
            b[n++] = (byte) (0xC0 | c >> 6);
            b[n++] = (byte) (0x80 | c & 0x3F);
        } else {
            b[n++] = (byte) (0xE0 | c >> 12);
            b[n++] = (byte) (0x80 | c >> 6 & 0x3F);
            b[n++] = (byte) (0x80 | c & 0x3F);
        }
        return n;
    }

    private static int fourBytes(byte[] b, int n, int codePoint) {
        b[n++] = (byte) (0xF0 | codePoint >> 18);
        b[n++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
        b[n++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
        b[n++] = (byte) (0x80 | codePoint & 0x3F);
        return n;
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}

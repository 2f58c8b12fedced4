package netstep.view.render;

import j2html.tags.DomContent;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Rendering into one builder sized for the whole answer. j2html's {@code render()} starts each string at 16
 * characters and doubles it as it goes: for a page of 50 to 150 KB, copying the growing builder cost more than
 * writing it.
 */
public final class Html {
    private Html() {
    }

    /**
     * A builder with room for {@code expectedChars}, already in UTF-16: our pages always hold characters beyond
     * Latin-1 (∂, −, ŷ, ▶), and a Latin-1 builder would allocate its room twice, the second time when the first such
     * character arrives.
     */
    public static StringBuilder builder(int expectedChars) {
        StringBuilder out = new StringBuilder().append('\u2202');
        out.ensureCapacity(expectedChars);
        out.setLength(0);
        return out;
    }

    /** Room for an answer like the last one of its kind: {@code last} holds that one's length. */
    public static StringBuilder builderLike(java.util.concurrent.atomic.AtomicInteger last) {
        int chars = last.get();
        return builder(chars + chars / 8 + 1024);
    }

    /** Appends the rendered content (its text escaped, as {@code render()} does) to {@code out}. */
    public static StringBuilder append(StringBuilder out, DomContent content) {
        try {
            content.render(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder never throws it
        }
        return out;
    }
}

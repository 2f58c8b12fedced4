package netstep.view;

import j2html.tags.DomContent;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Rendering into one builder sized for the whole answer. j2html's {@code render()} starts each string at 16
 * characters and doubles it as it goes: for a page of 50 to 150 KB, copying the growing builder cost more than
 * writing it.
 */
final class Html {
    private Html() {
    }

    static StringBuilder builder(int expectedChars) {
        return new StringBuilder(expectedChars);
    }

    /** Appends the rendered content (its text escaped, as {@code render()} does) to {@code out}. */
    static StringBuilder append(StringBuilder out, DomContent content) {
        try {
            content.render(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder never throws it
        }
        return out;
    }
}

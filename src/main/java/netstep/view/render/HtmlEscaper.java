package netstep.view.render;

/**
 * j2html's text escaper without its cost: the same five characters become the same entities as
 * {@code j2html.utils.EscapeUtil} writes them ({@code < > & " '}), but a text with none of them, which is almost
 * every text and attribute on our pages, is returned as it is instead of being copied char by char.
 */
public final class HtmlEscaper {
    private HtmlEscaper() {
    }

    /** Installs this escaper for every j2html rendering in the process (j2html 1.6 reads it from Config). */
    public static void install() {
        j2html.Config.textEscaper = HtmlEscaper::escape;
    }

    public static String escape(String text) {
        if (text == null) return null;
        int length = text.length();
        int first = 0;
        while (first < length && !special(text.charAt(first))) first++;
        if (first == length) return text;
        StringBuilder out = new StringBuilder(length + 16);
        out.append(text, 0, first);
        for (int i = first; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#x27;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Bit c set for each character c that needs escaping; all of them are below 64. */
    private static final long SPECIAL = 1L << '<' | 1L << '>' | 1L << '&' | 1L << '"' | 1L << '\'';

    private static boolean special(char c) {
        return c < 64 && (SPECIAL & (1L << c)) != 0;
    }
}

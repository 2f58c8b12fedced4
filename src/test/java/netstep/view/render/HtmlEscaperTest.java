package netstep.view.render;

import netstep.view.*;

import j2html.utils.EscapeUtil;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static j2html.TagCreator.div;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class HtmlEscaperTest {
    @Test
    void escapesExactlyAsJ2htmlDoes() {
        String[] payloads = {"<script>alert('x')</script>", "\"quoted\" & 'single'", "a&b", "&amp;", "<", ">", "&",
                "\"", "'", "x < y > z", "tail<", "<head", "∂L/∂a = −0.5 & η < 1", "", "plain text", "π ≈ 3.14",
                "\"><img src=x onerror=alert(1)>", "a\u0000b<\uD83D\uDE00>"};
        for (String p : payloads) assertEquals(EscapeUtil.escape(p), HtmlEscaper.escape(p), p);
        Random random = new Random(5);
        String alphabet = "ab<>&\"'∂−η 1.;=/";
        for (int k = 0; k < 20_000; k++) {
            StringBuilder s = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            assertEquals(EscapeUtil.escape(s.toString()), HtmlEscaper.escape(s.toString()), s.toString());
        }
        assertNull(HtmlEscaper.escape(null));
    }

    @Test
    void returnsTheTextItselfWhenNothingNeedsEscaping() {
        String text = "∂L/∂W₁ = −0.25";
        assertSame(text, HtmlEscaper.escape(text));
    }

    @Test
    void j2htmlUsesItOnceTheViewsAreLoaded() throws ClassNotFoundException {
        Class.forName(StepperPage.class.getName(), true, getClass().getClassLoader()); // installs the escaper
        String plain = "no entities";
        assertNotSame(plain, EscapeUtil.escape(plain), "j2html's own escaper copies every text, ours does not");
        assertSame(plain, j2html.Config.textEscaper.escape(plain), "so the installed escaper is ours");
        assertEquals("<div title=\"&quot;&lt;x&gt;\">&lt;script&gt;&amp;&#x27;</div>",
                div("<script>&'").withTitle("\"<x>").render());
    }
}

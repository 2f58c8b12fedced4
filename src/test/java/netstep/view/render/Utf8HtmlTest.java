package netstep.view.render;

import j2html.tags.DomContent;
import j2html.rendering.HtmlBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static j2html.TagCreator.div;
import static j2html.TagCreator.p;
import static j2html.TagCreator.rawHtml;
import static j2html.TagCreator.span;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class Utf8HtmlTest {
    /** What the server sent before: j2html's own render, then the JDK's UTF-8 encoder. */
    private static byte[] oracle(DomContent... parts) {
        StringBuilder html = new StringBuilder();
        for (DomContent part : parts) html.append(part.render());
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void writesTheSameBytesAsRenderingThenEncoding() {
        DomContent page = div(p("∂L/∂W₁ = 0.25 · ŷ − y, η = 0.1, Σ"), span("<script>alert('x')</script> & \"q\""),
                rawHtml("<b>é ü ß 😀 𝑥</b>")).withId("diagram").attr("title", "a → b");
        assertArrayEquals(oracle(page), Utf8Html.render(page));
        assertArrayEquals(oracle(page, page), Utf8Html.render(page, null, page));
    }

    @Test
    void randomTextOfEveryKindOfCharacterEncodesAsTheJdkDoes() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(round % 100 == 0 ? 200_000 : 200);
            for (int i = 0; i < length; i++) {
                switch (random.nextInt(6)) {
                    case 0 -> text.append((char) random.nextInt(0x80));
                    case 1 -> text.append((char) (0x80 + random.nextInt(0x780)));
                    case 2 -> text.append((char) (0x800 + random.nextInt(0xD000)));
                    case 3 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                    case 4 -> text.append((char) (0xD800 + random.nextInt(0x800))); // a lone surrogate
                    default -> text.append("αβγ ∂");
                }
            }
            DomContent raw = rawHtml(text.toString());
            DomContent escaped = span(text.toString());
            assertArrayEquals(oracle(raw, escaped), Utf8Html.render(raw, escaped), "round " + round);
        }
    }

    @Test
    void aSurrogatePairSplitAcrossTwoAppendsIsOneCharacter() {
        String emoji = "😀";
        DomContent[] parts = {rawHtml(emoji.substring(0, 1)), rawHtml(emoji.substring(1) + "x"),
                rawHtml(emoji.substring(0, 1)), rawHtml("y"), rawHtml(emoji.substring(0, 1))};
        assertEquals(emoji + "x?y?", new String(Utf8Html.render(parts), StandardCharsets.UTF_8));
        builderChars(out -> out.append(emoji.charAt(0)).append(emoji.charAt(1)).append('é')
                .append(emoji.charAt(1)).append(emoji.charAt(0)).append('z'), emoji + "é??z");
    }

    @Test
    void renderingWithinRenderingDoesNotTakeTheOuterBuffer() {
        DomContent inner = p("inner ∂");
        builderChars(out -> out.append("before ").append(new String(Utf8Html.render(inner), StandardCharsets.UTF_8))
                .append(" after"), "before <p>inner ∂</p> after");
    }

    private interface Writing {
        void write(HtmlBuilder<?> out) throws IOException;
    }

    /** Content that writes to the builder directly, one char or sequence at a time. */
    private static void builderChars(Writing writing, String expected) {
        DomContent content = new DomContent() {
            @Override
            public <T extends Appendable> T render(HtmlBuilder<T> builder, Object model) throws IOException {
                writing.write(builder);
                return builder.output();
            }
        };
        assertEquals(expected, new String(Utf8Html.render(content, span("∂")), StandardCharsets.UTF_8)
                .replace("<span>∂</span>", ""));
    }
}

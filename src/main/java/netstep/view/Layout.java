package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;

import static j2html.TagCreator.*;

/** The one page layout: charset, viewport, htmx from its webjar, our stylesheet and script. */
public final class Layout {
    public static final String HTMX_PATH = "/webjars/htmx.org/2.0.10/dist/htmx.min.js";

    /**
     * htmx 2 does not swap 4xx answers by default; ours carry the form with its error messages, so swap them.
     * History restores fetch the full page rather than a fragment. The Content-Security-Policy allows no inline
     * style or eval, so htmx must not inject its indicator style (netstep.css has it) or evaluate expressions.
     */
    static final String HTMX_CONFIG = "{\"historyRestoreAsHxRequest\":false,\"includeIndicatorStyles\":false,"
            + "\"allowEval\":false,"
            + "\"responseHandling\":[{\"code\":\"204\",\"swap\":false},{\"code\":\"[23]..\",\"swap\":true},"
            + "{\"code\":\"4..\",\"swap\":true,\"error\":false},{\"code\":\"...\",\"swap\":false,\"error\":true}]}";

    private Layout() {
    }

    public static String page(String title, DomContent... content) {
        StringBuilder page = Html.builderLike(PAGE_CHARS).append("<!DOCTYPE html>");
        Html.append(page, html(
                head(
                        meta().withCharset("UTF-8"),
                        meta().withName("viewport").withContent("width=device-width, initial-scale=1"),
                        meta().withName("htmx-config").withContent(HTMX_CONFIG),
                        title(title),
                        link().withRel("icon").withType("image/svg+xml").withHref("/static/favicon.svg"),
                        link().withRel("stylesheet").withHref("/static/netstep.css"),
                        script().withSrc(HTMX_PATH).attr("defer"),
                        script().withSrc("/static/netstep.js").attr("defer")),
                body(
                        header(
                                h1(a("netstep").withHref("/")),
                                p("Step through how a neural network learns: one sample, one phase at a time.")
                                        .withClass("tagline")).withClass("site-header"),
                        main(content).withId("main"),
                        footer(p("Notation follows the lecture: y = Wx + b, pre-activation a = Wx + b, "
                                + "activation output f(a), loss L, update θ ← θ − η∇θ.")).withClass("site-footer"))
        ).attr("lang", "en"));
        PAGE_CHARS.set(page.length());
        return page.toString();
    }

    /** The length of the last page, to size the next one's builder. */
    private static final java.util.concurrent.atomic.AtomicInteger PAGE_CHARS = new java.util.concurrent.atomic.AtomicInteger(128 * 1024);
}

package netstep.view;

import j2html.tags.DomContent;
import j2html.tags.specialized.SectionTag;
import netstep.experiment.Experiment;
import netstep.view.render.QrCode;

import static j2html.TagCreator.*;

/**
 * The head of a shared copy's page: its link to pass on (a read-only field to select, a Copy button with
 * JavaScript) and the link as a QR code large enough to project, then "Make it mine".
 */
final class ShareView {
    private ShareView() {
    }

    static SectionTag panel(Experiment e, String token, String link) {
        return section(
                h2("A shared experiment, read-only"),
                p("This is a copy of an experiment as it was when shared, at step " + e.steps()
                        + ". Send this page's address to share it further. To step it on, make it yours: "
                        + "it replaces the experiment in your own session, and the original stays as it is."),
                div(
                        div(
                                label("Link to this copy").attr("for", "share-link"),
                                div(
                                        input().withType("text").withId("share-link").withValue(link)
                                                .attr("readonly").attr("spellcheck", "false")
                                                .attr("aria-describedby", "copy-status"),
                                        // shown by static/netstep.js; without it the field is selected and copied by hand
                                        button("Copy").withType("button").withId("copy-link").attr("hidden")
                                ).withClass("share-link-row"),
                                span().withId("copy-status").withClass("hint").attr("aria-live", "polite"),
                                form(button("Make it mine").withType("submit"))
                                        .withId("fork-form").withMethod("post").withAction("/shared/" + token + "/fork"),
                                p(a("Back to your own experiment").withHref("/"))
                        ).withClass("share-text"),
                        qr(link)
                ).withClass("share-body")
        ).withId("shared").withClass("panel");
    }

    private static DomContent qr(String link) {
        if (link.length() > QrCode.MAX_TEXT) return null; // an odd Host header; the link above still works
        return figure(QrCode.svg("share-qr", link, "QR code of the link to this copy"),
                figcaption("Scan to open this copy")).withClass("share-qr");
    }
}

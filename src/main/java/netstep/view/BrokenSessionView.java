package netstep.view;

import netstep.view.render.*;

import static j2html.TagCreator.*;

/**
 * The page shown when a session's state cannot be drawn: what happened, a "Start over" that is a plain form post
 * (it works without JavaScript), and "Download what I had" while the state can still be exported.
 */
public final class BrokenSessionView {
    private BrokenSessionView() {
    }

    public static String page(boolean exportable) {
        return Layout.page("netstep: this experiment cannot be shown",
                section(
                        h2("This experiment cannot be shown"),
                        p("Something in your experiment's numbers could not be drawn, so the page cannot show it. "
                                + "Nothing else is affected. Start over to get the default network back"
                                + (exportable ? "; you can first download what you had as a file." : ".")),
                        form(button("Start over").withType("submit"))
                                .withMethod("post").withAction("/start-over").withClass("start-over"),
                        exportable ? p(a("Download what I had (experiment.json)").withHref("/export/experiment.json")
                                .attr("download", "netstep-experiment.json")) : null
                ).withId("broken-session").withClass("panel"));
    }
}

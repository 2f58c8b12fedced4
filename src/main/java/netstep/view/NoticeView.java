package netstep.view;

import netstep.view.render.*;

import j2html.tags.specialized.DivTag;
import netstep.experiment.Experiment;

import static j2html.TagCreator.*;

/** The message about the last action; a diverged experiment is marked as such and offers a reset. */
final class NoticeView {
    private NoticeView() {
    }

    static DivTag notice(Experiment e) {
        DivTag d = div().withId("notice");
        if (e.diverged()) {
            return d.withClass("notice diverged").attr("role", "alert").with(
                    h2("Diverged").withId("diverged-heading"),
                    p(e.notice().orElse("")),
                    p("The network shown is the one from before the step that overflowed."),
                    form(button("Reset the network").withType("submit").withName("action").withValue("reset")
                            .withClass("primary").withId("diverged-reset"))
                            .withMethod("post").withAction("/step").attr("hx-post", "/step")
                            .attr("hx-swap", "none")); // the answer swaps its parts out of band
        }
        e.notice().ifPresent(message -> d.withClass("notice").attr("role", "alert").with(p(message)));
        return d;
    }
}

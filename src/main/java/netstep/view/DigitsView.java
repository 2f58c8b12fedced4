package netstep.view;

import netstep.view.render.*;

import j2html.tags.specialized.FormTag;
import j2html.tags.specialized.OptionTag;
import netstep.experiment.Experiment;

import static j2html.TagCreator.*;

/**
 * The number format the student reads with: 2, 4 or 6 significant digits, for the diagram, the phase panels and
 * the trace alike. A real form (its Show button posts it without JavaScript); with htmx a change of the choice posts
 * it, and the answer is the workspace redrawn.
 */
final class DigitsView {
    private DigitsView() {
    }

    /** The format a page shows the experiment's numbers in. */
    static Digits of(Experiment e) {
        return Digits.of(e.digits());
    }

    static FormTag control(Experiment e) {
        int chosen = e.digits();
        OptionTag[] options = Digits.CHOICES.stream().map(d -> {
            OptionTag o = option(String.valueOf(d.significant())).withValue(String.valueOf(d.significant()));
            return d.significant() == chosen ? o.attr("selected") : o;
        }).toArray(OptionTag[]::new);
        return form(
                label("Significant digits ").attr("for", "digits-select"),
                select(options).withName("digits").withId("digits-select"),
                text(" "),
                button("Show").withType("submit")
        ).withId("digits-form").withMethod("post").withAction("/view/digits")
                .attr("hx-post", "/view/digits").attr("hx-trigger", "change, submit").attr("hx-swap", "none");
    }
}

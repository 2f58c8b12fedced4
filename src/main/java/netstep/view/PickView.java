package netstep.view;

import j2html.tags.DomContent;
import netstep.view.render.Digits;
import netstep.engine.StepTrace;
import netstep.experiment.Experiment;

import static j2html.TagCreator.*;
import static netstep.view.MathView.*;

/** Phase 1 of the trace, Pick: the sample x and its target y, which the network has not seen yet. */
final class PickView {
    private PickView() {
    }

    static String summaryLine(Digits d, StepTrace t) {
        return "x = " + TraceView.vector(d, t.x()) + ", y = " + TraceView.vector(d, t.y());
    }

    static DomContent body(Experiment e, StepTrace t, int sampleIndex) {
        return div(
                p("Sample #" + (sampleIndex + 1) + " of " + e.dataset().size() + " ("
                        + e.config().order().label + ")."),
                ImageView.side(e) > 0 ? ImageView.input(t.x(), ImageView.side(e)) : null,
                equation(labelled("x", column(DigitsView.of(e), t.x(), "pick-x")),
                        labelled("y", column(DigitsView.of(e), t.y(), "pick-y"))),
                p("The network has not seen its target y yet: the forward pass predicts ŷ from x alone."));
    }
}

package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import netstep.engine.Loss;
import netstep.engine.StepTrace;
import netstep.engine.Vec;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;
import static netstep.view.MathView.*;

/** Phase 3 of the trace, the loss: ŷ against y, each output's term substituted, and L. */
final class LossView {
    private LossView() {
    }

    static String summaryLine(Digits d, StepTrace t) {
        return "L = " + d.f(t.loss());
    }

    static DomContent body(Digits d, StepTrace t) {
        Loss loss = t.lossFunction();
        Vec yHat = t.prediction();
        Vec y = t.y();
        List<String> substituted = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int k = 0; k < y.size(); k++) {
            substituted.add(term(d, loss, yHat, y, k));
            values.add(d.f(t.lossTerms().get(k)));
        }
        return div(
                p(loss.label + " loss: " + loss.formula + (y.size() > 1 ? ", summed over the " + y.size() + " outputs" : "")),
                equation(labelled("ŷ", column(d, yHat)), labelled("y", column(d, y))),
                div(
                        p("L = " + String.join(" + ", substituted)),
                        y.size() > 1 ? p("  = " + String.join(" + ", values)) : null,
                        p(text("  = "), strong(d.f(t.loss())).withId("loss-value").withTitle(Num.exact(t.loss())))
                ).withClass("derivation"),
                lossComparison(d, t),
                loss == Loss.ZERO_ONE ? p("Zero-one loss counts mistakes: with a continuous output ŷ is almost never "
                        + "exactly y, so every output counts as wrong unless the output is a step.").withClass("hint") : null);
    }

    /** The same prediction under every loss, side by side. */
    private static DomContent lossComparison(Digits d, StepTrace t) {
        List<DomContent> cells = new ArrayList<>();
        List<DomContent> heads = new ArrayList<>();
        for (Loss other : Loss.values()) {
            heads.add(th(other.label).withCondClass(other == t.lossFunction(), "current-loss"));
            double under = t.lossUnder(other);
            // NaN: y is not a target this loss takes (a probability vector, or one-hot)
            cells.add((Double.isNaN(under) ? td("—").withTitle("y is not a target for this loss") : MathView.cell(d, under))
                    .withCondClass(other == t.lossFunction(), "current-loss"));
        }
        return details(summary("The same prediction under each loss"),
                table(thead(tr(heads.toArray(DomContent[]::new))), tbody(tr(cells.toArray(DomContent[]::new))))
                        .withClass("data loss-comparison"));
    }

    /** Output k's loss term with its numbers, e.g. ½(1 − 0.73)². */
    static String term(Digits d, Loss loss, Vec yHats, Vec ys, int k) {
        String h = d.inFormula(yHats.get(k));
        String t = d.inFormula(ys.get(k));
        switch (loss) {
            case CROSS_ENTROPY: return "−" + t + "·log " + h;
            case MULTICLASS_HINGE: {
                int c = Loss.oneHotIndex(ys.toArray());
                return k == c ? "0" : "max(0, " + h + " − " + d.inFormula(yHats.get(c)) + " + 1)";
            }
            case L2: return "½(" + t + " − " + h + ")²";
            case L1: return "|" + h + " − " + t + "|";
            case HINGE: return "max(0, 1 − " + t + "·" + h + ")";
            case ZERO_ONE: return "1[" + h + " ≠ " + t + "]";
            default: throw new AssertionError(loss);
        }
    }
}

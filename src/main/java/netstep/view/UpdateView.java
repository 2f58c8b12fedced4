package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import netstep.engine.Layer;
import netstep.engine.Mat;
import netstep.engine.StepTrace;
import netstep.engine.Vec;
import netstep.experiment.Experiment;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;
import static netstep.view.MathView.*;

/** Phase 5 of the trace, the update θ ← θ − η∇θ: every parameter old → new, the changed ones marked. */
final class UpdateView {
    private UpdateView() {
    }

    static String summaryLine(Digits d, StepTrace t) {
        return "θ ← θ − η∇θ with η = " + d.f(t.learningRate());
    }

    static DomContent body(Experiment e, StepTrace t) {
        return div(ImageView.rowsAsImages(e, t, true), layers(DigitsView.of(e), t));
    }

    private static DomContent layers(Digits d, StepTrace t) {
        double after = t.lossAfterUpdate();
        DivTag div = div(p(text("Loss on this sample: "), strong(d.f(t.loss())).withId("loss-before")
                                .withTitle(Num.exact(t.loss())), text(" before, "),
                        strong(d.f(after)).withId("loss-after").withTitle(Num.exact(after)),
                        text(" after the update" + (after < t.loss() ? " (lower)." : after > t.loss()
                                ? " (higher: η too large?)." : ".")))
                        .withClass("loss-effect").withTitle("After: a forward pass with the new parameters"),
                p("Each parameter moves against its gradient, θ ← θ − η∇θ with η = " + d.f(t.learningRate())
                        + "; cells are shaded by how much they changed.").withClass("note"));
        double largest = t.largestChange();
        for (int l = 0; l < t.forward().size(); l++) {
            int n = l + 1;
            Layer before = t.before().layer(l);
            Layer next = t.after().layer(l);
            StepTrace.LayerBackward bw = t.backward().get(l);
            div.with(div(
                    h3("Layer " + n),
                    div(changeTable(d, sym("W", n), before.weights(), next.weights(), "upd-w" + n, largest),
                            changeTable(d, sym("b", n), asColumnMatrix(before.biases()), asColumnMatrix(next.biases()),
                                    "upd-b" + n, largest))
                            .withClass("equation"),
                    p(sym("W", n) + "[1,1] ← " + d.f(before.weight(0, 0)) + " − " + d.f(t.learningRate()) + " × "
                            + d.inFormula(bw.dL_dW().get(0, 0)) + " = " + d.f(next.weight(0, 0))),
                    t.biasesTrained() ? null : p("Biases are frozen: they are not trained.")
            ).withClass("layer-block"));
        }
        return div;
    }

    /** 1 to 4: how large a change is against the largest of the step, in quarters (classes changed1 to changed4). */
    static int shade(double change, double largest) {
        if (!(largest > 0)) return 1;
        return Math.max(1, Math.min(4, (int) Math.ceil(4 * change / largest)));
    }

    private static Mat asColumnMatrix(Vec v) {
        double[][] rows = new double[v.size()][1];
        for (int j = 0; j < v.size(); j++) rows[j][0] = v.get(j);
        return Mat.of(rows);
    }

    /**
     * A table of "old → new", each changed cell shaded in one of four steps by |new − old| against the step's
     * largest change; a cell whose change does not show in the printed digits is not marked.
     */
    private static DivTag changeTable(Digits d, String label, Mat before, Mat after, String idPrefix, double largest) {
        List<DomContent> rows = new ArrayList<>();
        for (int j = 0; j < MathView.shown(before.rows()); j++) {
            List<DomContent> cells = new ArrayList<>();
            for (int i = 0; i < MathView.shown(before.columns()); i++) {
                double old = before.get(j, i);
                double now = after.get(j, i);
                String oldText = d.f(old);
                String nowText = d.f(now);
                boolean changed = !oldText.equals(nowText);
                cells.add(td(text(oldText + " → "), b(nowText))
                        .withId(idPrefix + "-" + (j + 1) + "-" + (i + 1))
                        .withTitle(Num.exact(old) + " → " + Num.exact(now))
                        .withCondClass(changed, "changed" + shade(Math.abs(now - old), largest)));
            }
            if (MathView.shown(before.columns()) < before.columns()) cells.add(td("⋯").withClass("more"));
            rows.add(tr(cells.toArray(DomContent[]::new)));
        }
        if (MathView.shown(before.rows()) < before.rows()) rows.add(tr(td("⋮").withClass("more")));
        return labelled(label, table(tbody(rows.toArray(DomContent[]::new))).withClass("matrix changes"));
    }
}

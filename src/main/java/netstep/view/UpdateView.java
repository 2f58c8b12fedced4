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

    static String summaryLine(StepTrace t) {
        return "θ ← θ − η∇θ with η = " + Num.f(t.learningRate());
    }

    static DomContent body(Experiment e, StepTrace t) {
        return div(ImageView.rowsAsImages(e, t, true), layers(t));
    }

    private static DomContent layers(StepTrace t) {
        DivTag div = div(p("Each parameter moves against its gradient: θ ← θ − η∇θ, with η = "
                + Num.f(t.learningRate()) + ". Changed cells are highlighted."));
        for (int l = 0; l < t.forward().size(); l++) {
            int n = l + 1;
            Layer before = t.before().layer(l);
            Layer after = t.after().layer(l);
            StepTrace.LayerBackward bw = t.backward().get(l);
            div.with(div(
                    h3("Layer " + n),
                    div(changeTable(sym("W", n), before.weights(), after.weights(), "upd-w" + n),
                            changeTable(sym("b", n), asColumnMatrix(before.biases()), asColumnMatrix(after.biases()), "upd-b" + n))
                            .withClass("equation"),
                    p(sym("W", n) + "[1,1] ← " + Num.f(before.weight(0, 0)) + " − " + Num.f(t.learningRate()) + " × "
                            + Num.inFormula(bw.dL_dW().get(0, 0)) + " = " + Num.f(after.weight(0, 0))),
                    t.biasesTrained() ? null : p("Biases are frozen: they are not trained.")
            ).withClass("layer-block"));
        }
        return div;
    }

    private static Mat asColumnMatrix(Vec v) {
        double[][] rows = new double[v.size()][1];
        for (int j = 0; j < v.size(); j++) rows[j][0] = v.get(j);
        return Mat.of(rows);
    }

    /** A table of "old → new", changed cells marked. */
    private static DivTag changeTable(String label, Mat before, Mat after, String idPrefix) {
        List<DomContent> rows = new ArrayList<>();
        for (int j = 0; j < MathView.shown(before.rows()); j++) {
            List<DomContent> cells = new ArrayList<>();
            for (int i = 0; i < MathView.shown(before.columns()); i++) {
                double old = before.get(j, i);
                double now = after.get(j, i);
                boolean changed = old != now;
                cells.add(td(text(Num.f(old) + " → "), b(Num.f(now)))
                        .withId(idPrefix + "-" + (j + 1) + "-" + (i + 1))
                        .withTitle(Num.exact(old) + " → " + Num.exact(now))
                        .withCondClass(changed, "changed"));
            }
            if (MathView.shown(before.columns()) < before.columns()) cells.add(td("⋯").withClass("more"));
            rows.add(tr(cells.toArray(DomContent[]::new)));
        }
        if (MathView.shown(before.rows()) < before.rows()) rows.add(tr(td("⋮").withClass("more")));
        return labelled(label, table(tbody(rows.toArray(DomContent[]::new))).withClass("matrix changes"));
    }
}

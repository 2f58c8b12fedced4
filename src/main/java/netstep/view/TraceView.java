package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.DetailsTag;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.SectionTag;
import j2html.tags.specialized.TableTag;
import netstep.engine.Activation;
import netstep.engine.Layer;
import netstep.engine.Loss;
import netstep.engine.Mat;
import netstep.engine.StepTrace;
import netstep.engine.Vec;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;
import static netstep.view.MathView.*;

/** The phases of the current step, each rendered from the engine's trace: nothing is recomputed here. */
final class TraceView {
    private static final int SPELL_OUT_LIMIT = 8;

    private TraceView() {
    }

    static SectionTag trace(Experiment e) {
        SectionTag section = section().withId("trace").withClass("panel");
        if (e.trace().isEmpty()) {
            return section.with(h2("One step of gradient descent"),
                    p("For each sample: 1. pick it, 2. forward pass ŷ = f(x; θ), 3. loss L, "
                            + "4. backpropagation ∂L/∂θ by the chain rule, 5. update θ ← θ − η∇θ."),
                    p(text("Press "), strong("Next"), text(" (or the key "), kbd("N"),
                            text(") to pick the first sample.")));
        }
        Phase shown = e.phase();
        int stepNumber = stepNumber(e);
        // which step and phase this trace shows: an answer that only adds phases is swapped in only here
        section.withData("at", at(stepNumber, shown));
        return render(section, e, e.trace().orElseThrow(), shown, stepNumber, e.sampleIndex());
    }

    private static int stepNumber(Experiment e) {
        return e.phase() == Phase.UPDATE ? e.steps() : e.steps() + 1;
    }

    private static String at(int stepNumber, Phase shown) {
        return "s" + stepNumber + "-" + shown.id;
    }

    /**
     * The phases of the current step after {@code before}, up to the one shown, as an out-of-band fragment that
     * appends them to the trace (htmx {@code beforeend}), or null when the whole trace must be sent instead. The
     * target selector names the step and phase the trace must be showing, so a page showing something else (a past
     * step, another tab's click) finds no target; netstep.js then fetches the whole trace. netstep.js also folds
     * the phase that was current, so the page ends up as {@link #trace} renders it.
     */
    static DivTag phasesAfter(Experiment e, Phase before) {
        Phase shown = e.phase();
        StepTrace t = e.trace().orElse(null);
        if (t == null || before == null || before == Phase.READY || shown == Phase.READY
                || before.ordinal() > shown.ordinal()) {
            return null;
        }
        int stepNumber = stepNumber(e);
        DivTag added = div().withClass("trace-phases").withData("at", at(stepNumber, shown))
                .attr("hx-swap-oob", "beforeend:#trace[data-at=" + at(stepNumber, before) + "]");
        for (Phase p : Phase.steps()) {
            if (p.ordinal() > before.ordinal() && p.reached(shown)) added.with(phase(p, shown, e, t, e.sampleIndex()));
        }
        return added;
    }

    /** A completed step from the history, every phase shown, while its trace is still kept. */
    static SectionTag pastStep(Experiment e, int step) {
        SectionTag section = section().withId("trace").withClass("panel past-step");
        StepTrace t = e.traceOfStep(step).orElse(null);
        if (t == null) {
            return section.with(h2("Step " + step), p("Only the last " + Experiment.KEPT_TRACES
                    + " steps keep their full trace."), backToCurrent());
        }
        section.with(div(text("You are looking at step " + step + " from the history. "), backToCurrent())
                .withClass("warning").attr("role", "note"));
        return render(section, e, t, Phase.UPDATE, step, e.record(step).orElseThrow().sampleIndex());
    }

    private static DomContent backToCurrent() {
        return a("Back to the current step").withHref("/#trace");
    }

    private static SectionTag render(SectionTag section, Experiment e, StepTrace t, Phase shown, int stepNumber,
                                     int sampleIndex) {
        section.with(h2("Step " + stepNumber + ", sample #" + (sampleIndex + 1)));
        for (Phase p : Phase.steps()) {
            if (p == Phase.PICK || p.reached(shown)) section.with(phase(p, shown, e, t, sampleIndex));
        }
        return section;
    }

    /** One phase's part of the trace: its summary line and its working. */
    private static DetailsTag phase(Phase p, Phase shown, Experiment e, StepTrace t, int sampleIndex) {
        return switch (p) {
            case PICK -> phase(p, shown, "x = " + vector(t.x()) + ", y = " + vector(t.y()), pick(e, t, sampleIndex));
            case FORWARD -> phase(p, shown, "ŷ = " + vector(t.prediction()), div(ImageView.forward(e, t), forward(t)));
            case LOSS -> phase(p, shown, "L = " + Num.f(t.loss()), loss(t));
            case BACKWARD -> phase(p, shown, backwardSummary(t), div(ImageView.rowsAsImages(e, t, false), backward(t)));
            case UPDATE -> phase(p, shown, "θ ← θ − η∇θ with η = " + Num.f(t.learningRate()),
                    div(ImageView.rowsAsImages(e, t, true), update(t)));
            default -> throw new IllegalArgumentException(p.name());
        };
    }

    private static DetailsTag phase(Phase p, Phase shown, String summary, DomContent body) {
        boolean current = p == shown;
        DetailsTag d = details(
                summary(span(phaseNumber(p) + ". " + p.label).withClass("phase-title"),
                        span(" — " + summary).withClass("phase-summary")),
                body).withId("phase-" + p.id).withClass(current ? "phase current" : "phase done");
        if (current) d.attr("open");
        return d;
    }

    private static int phaseNumber(Phase p) {
        return p.ordinal();
    }

    // ---------------------------------------------------------------- 1. pick

    private static DomContent pick(Experiment e, StepTrace t, int sampleIndex) {
        return div(
                p("Sample #" + (sampleIndex + 1) + " of " + e.dataset().size() + " ("
                        + e.config().order().label + ")."),
                ImageView.side(e) > 0 ? ImageView.input(t.x(), ImageView.side(e)) : null,
                equation(labelled("x", column(t.x(), "pick-x")), labelled("y", column(t.y(), "pick-y"))),
                p("The network has not seen its target y yet: the forward pass predicts ŷ from x alone."));
    }

    // ---------------------------------------------------------------- 2. forward

    private static DomContent forward(StepTrace t) {
        DivTag div = div();
        List<StepTrace.LayerForward> layers = t.forward();
        for (int l = 0; l < layers.size(); l++) {
            int n = l + 1;
            StepTrace.LayerForward fw = layers.get(l);
            Layer layer = t.before().layer(l);
            String xName = n == 1 ? "x" : sym("f", n - 1);
            div.with(div(
                    h3("Layer " + n + ": " + layer.inputs() + " → " + layer.outputs() + ", "
                            + layer.activation().label()),
                    p(sym("a", n) + " = " + sym("W", n) + " " + xName + " + " + sym("b", n)),
                    equation(labelled(sym("W", n), matrix(layer.weights())), labelled(xName, column(fw.input())),
                            op("+"), labelled(sym("b", n), column(layer.biases())), op("="),
                            labelled(sym("a", n), column(fw.a(), "fwd-a" + n))),
                    neuronSums(n, layer, fw),
                    p(sym("f", n) + " = f(" + sym("a", n) + "), where " + layer.activation().formula()),
                    equation(labelled(sym("f", n), column(fw.f(), "fwd-f" + n))),
                    details(summary("The bias trick: [" + sym("W", n) + " | " + sym("b", n) + "] times "
                                    + xName + " with 1 appended gives the same " + sym("a", n)),
                            equation(labelled("[" + sym("W", n) + " | " + sym("b", n) + "]",
                                            augmented(layer.weights(), layer.biases())),
                                    labelled("[" + xName + "; 1]", withOne(fw.input())), op("="),
                                    labelled(sym("a", n), column(fw.a())))).withClass("bias-trick")
            ).withClass("layer-block"));
        }
        div.with(p(strong("Prediction: "), text("ŷ = f" + Num.sub(layers.size()) + " = " + vector(t.prediction()))));
        return div;
    }

    /** a[j] = Σᵢ W[j,i]·x[i] + b[j], written out with the numbers for small layers. */
    private static DomContent neuronSums(int n, Layer layer, StepTrace.LayerForward fw) {
        if (layer.inputs() > SPELL_OUT_LIMIT || layer.outputs() > SPELL_OUT_LIMIT) return null;
        List<DomContent> lines = new ArrayList<>();
        for (int j = 0; j < layer.outputs(); j++) {
            StringBuilder sb = new StringBuilder(sym("a", n) + "[" + (j + 1) + "] = ");
            for (int i = 0; i < layer.inputs(); i++) {
                if (i > 0) sb.append(" + ");
                sb.append(Num.inFormula(layer.weight(j, i))).append("·").append(Num.inFormula(fw.input().get(i)));
            }
            sb.append(" + ").append(Num.inFormula(layer.bias(j))).append(" = ").append(Num.f(fw.a().get(j)));
            sb.append(",  ").append(sym("f", n)).append("[").append(j + 1).append("] = ").append(Num.f(fw.f().get(j)));
            lines.add(li(sb.toString()));
        }
        return details(summary("Neuron by neuron"), ul(lines.toArray(DomContent[]::new)).withClass("sums"))
                .attr("open");
    }

    // ---------------------------------------------------------------- 3. loss

    private static DomContent loss(StepTrace t) {
        Loss loss = t.lossFunction();
        Vec yHat = t.prediction();
        Vec y = t.y();
        List<String> substituted = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (int k = 0; k < y.size(); k++) {
            substituted.add(term(loss, yHat, y, k));
            values.add(Num.f(t.lossTerms().get(k)));
        }
        return div(
                p(loss.label + " loss: " + loss.formula + (y.size() > 1 ? ", summed over the " + y.size() + " outputs" : "")),
                equation(labelled("ŷ", column(yHat)), labelled("y", column(y))),
                div(
                        p("L = " + String.join(" + ", substituted)),
                        y.size() > 1 ? p("  = " + String.join(" + ", values)) : null,
                        p(text("  = "), strong(Num.f(t.loss())).withId("loss-value").withTitle(Num.exact(t.loss())))
                ).withClass("derivation"),
                lossComparison(t),
                loss == Loss.ZERO_ONE ? p("Zero-one loss counts mistakes: with a continuous output ŷ is almost never "
                        + "exactly y, so every output counts as wrong unless the output is a step.").withClass("hint") : null);
    }

    /** The same prediction under every loss, side by side. */
    private static DomContent lossComparison(StepTrace t) {
        List<DomContent> cells = new ArrayList<>();
        List<DomContent> heads = new ArrayList<>();
        for (Loss other : Loss.values()) {
            heads.add(th(other.label).withCondClass(other == t.lossFunction(), "current-loss"));
            double under = t.lossUnder(other);
            // NaN: y is not a target this loss takes (a probability vector, or one-hot)
            cells.add((Double.isNaN(under) ? td("—").withTitle("y is not a target for this loss") : MathView.cell(under))
                    .withCondClass(other == t.lossFunction(), "current-loss"));
        }
        return details(summary("The same prediction under each loss"),
                table(thead(tr(heads.toArray(DomContent[]::new))), tbody(tr(cells.toArray(DomContent[]::new))))
                        .withClass("data loss-comparison"));
    }

    private static String term(Loss loss, Vec yHats, Vec ys, int k) {
        String h = Num.inFormula(yHats.get(k));
        String t = Num.inFormula(ys.get(k));
        switch (loss) {
            case CROSS_ENTROPY: return "−" + t + "·log " + h;
            case MULTICLASS_HINGE: {
                int c = Loss.oneHotIndex(ys.toArray());
                return k == c ? "0" : "max(0, " + h + " − " + Num.inFormula(yHats.get(c)) + " + 1)";
            }
            case L2: return "½(" + t + " − " + h + ")²";
            case L1: return "|" + h + " − " + t + "|";
            case HINGE: return "max(0, 1 − " + t + "·" + h + ")";
            case ZERO_ONE: return "1[" + h + " ≠ " + t + "]";
            default: throw new AssertionError(loss);
        }
    }

    // ---------------------------------------------------------------- 4. backward

    private static String backwardSummary(StepTrace t) {
        return t.gradientVanished() ? "every gradient is 0" : "∂L/∂θ for every weight and bias";
    }

    private static DomContent backward(StepTrace t) {
        DivTag div = div();
        div.with(gradientWarnings(t));
        int depth = t.forward().size();
        Loss loss = t.lossFunction();
        div.with(p("Start at the loss: " + loss.gradientFormula() + ", for each output. "
                + "Then go backwards through the layers with the chain rule: "
                + "∂L/∂W = ∂L/∂f · ∂f/∂a · ∂a/∂W."));
        for (int l = depth - 1; l >= 0; l--) {
            int n = l + 1;
            StepTrace.LayerBackward bw = t.backward().get(l);
            StepTrace.LayerForward fw = t.forward().get(l);
            Activation act = t.before().layer(l).activation();
            String xName = n == 1 ? "x" : sym("f", n - 1);
            String origin = n == depth ? "= ∂L/∂ŷ, from the loss" : "= " + sym("W", n + 1) + "ᵀ ∂L/∂" + sym("a", n + 1)
                    + ", passed back from layer " + (n + 1);
            div.with(div(
                    h3("Layer " + n + (n == depth ? " (output)" : "")),
                    p("∂L/∂" + sym("f", n) + " " + origin + ";  ∂" + sym("f", n) + "/∂" + sym("a", n) + ": "
                            + act.derivativeFormula().replace("∂f/∂a = ", "")).withClass("note"),
                    bw.jacobian() == null
                            ? equation(labelled("∂L/∂" + sym("f", n), column(bw.dL_df(), "bwd-df" + n)), op("⊙"),
                                    labelled("∂" + sym("f", n) + "/∂" + sym("a", n), column(bw.df_da())), op("="),
                                    labelled("∂L/∂" + sym("a", n), column(bw.dL_da(), "bwd-da" + n)))
                            : softmaxBackward(n, bw, t),
                    equation(labelled("∂L/∂" + sym("a", n), column(bw.dL_da())), op("·"),
                            labelled(xName + "ᵀ", row(fw.input())), op("="),
                            labelled("∂L/∂" + sym("W", n), matrix(bw.dL_dW(), "bwd-dW" + n)),
                            span("and").withClass("note"),
                            labelled("∂L/∂" + sym("b", n) + " = ∂L/∂" + sym("a", n), column(bw.dL_db(), "bwd-db" + n))),
                    chainRule(n, bw, fw),
                    n > 1 ? p("Passed back: ∂L/∂" + xName + " = " + sym("W", n) + "ᵀ ∂L/∂" + sym("a", n) + " = "
                            + vector(bw.dL_dx())) : null
            ).withClass("layer-block"));
        }
        return div;
    }

    /** Softmax is not element-wise: ∂L/∂a goes through its full Jacobian J = diag(ŷ) − ŷŷᵀ. */
    private static DomContent softmaxBackward(int n, StepTrace.LayerBackward bw, StepTrace t) {
        return div(
                equation(labelled("Jᵀ = (diag(ŷ) − ŷŷᵀ)ᵀ", matrix(bw.jacobian(), "bwd-jac" + n)), op("·"),
                        labelled("∂L/∂" + sym("f", n), column(bw.dL_df(), "bwd-df" + n)), op("="),
                        labelled("∂L/∂" + sym("a", n), column(bw.dL_da(), "bwd-da" + n))),
                t.lossFunction() == Loss.CROSS_ENTROPY
                        ? p("For softmax with cross-entropy this product is simply ŷ − y: each ∂L/∂" + sym("a", n)
                                + "ₖ = ŷₖ − yₖ.").withClass("note")
                        : null);
    }

    private static TableTag row(Vec v) {
        return matrix(Mat.of(new double[][] {v.toArray()}));
    }

    /** The lecture's ∂L/∂w = ∂L/∂f · ∂f/∂a · ∂a/∂w for one weight, with numbers. */
    private static DomContent chainRule(int n, StepTrace.LayerBackward bw, StepTrace.LayerForward fw) {
        List<DomContent> lines = new ArrayList<>();
        int rows = Math.min(bw.dL_dW().rows(), 4);
        int cols = Math.min(bw.dL_dW().columns(), 4);
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < cols; i++) {
                String w = sym("W", n) + "[" + (j + 1) + "," + (i + 1) + "]";
                if (bw.jacobian() != null) {
                    // softmax: ∂L/∂a[j] already gathers every ∂f_k/∂a_j, so the chain has two links
                    String a = sym("a", n) + "[" + (j + 1) + "]";
                    lines.add(li("∂L/∂" + w + " = ∂L/∂" + a + " · ∂" + a + "/∂" + w + " = "
                            + Num.inFormula(bw.dL_da().get(j)) + " · " + Num.inFormula(fw.input().get(i)) + " = "
                            + Num.f(bw.dL_dW().get(j, i))));
                    continue;
                }
                String f = sym("f", n) + "[" + (j + 1) + "]";
                String a = sym("a", n) + "[" + (j + 1) + "]";
                lines.add(li("∂L/∂" + w + " = ∂L/∂" + f + " · ∂" + f + "/∂" + a + " · ∂" + a + "/∂" + w + " = "
                        + Num.inFormula(bw.dL_df().get(j)) + " · " + Num.inFormula(bw.df_da().get(j)) + " · "
                        + Num.inFormula(fw.input().get(i)) + " = " + Num.f(bw.dL_dW().get(j, i))));
            }
        }
        if (rows * cols < bw.dL_dW().rows() * bw.dL_dW().columns()) {
            lines.add(li("… and likewise for the other " + (bw.dL_dW().rows() * bw.dL_dW().columns() - rows * cols)
                    + " weights: every entry of the matrix above."));
        }
        DetailsTag d = details(summary("The chain rule, weight by weight"), ul(lines.toArray(DomContent[]::new))
                .withClass("sums"));
        if (n == 1 || lines.size() <= 4) d.attr("open");
        return d;
    }

    private static DomContent gradientWarnings(StepTrace t) {
        List<DomContent> warnings = new ArrayList<>();
        if (t.lossFunction() == Loss.ZERO_ONE) {
            warnings.add(p("Zero-one loss has no useful gradient: it is flat (∂L/∂ŷ = 0) wherever it is defined and "
                    + "jumps where ŷ = y. Every gradient below is 0, so the update changes nothing. It measures "
                    + "mistakes, but cannot be trained with gradient descent: choose L2, L1 or hinge to learn."));
        }
        for (int l = 0; l < t.forward().size(); l++) {
            Activation act = t.before().layer(l).activation();
            if (!act.hasGradient()) {
                warnings.add(p("Layer " + (l + 1) + " uses the step function. Its derivative ∂f/∂a is 0 everywhere "
                        + "(and undefined at a = 0), so ∂L/∂a = ∂L/∂f · 0 = 0: no gradient reaches this layer's weights "
                        + "or any layer before it. As the lecture says, we can't use gradient-based optimization "
                        + "with it. Choose sigmoid, tanh, ReLU or leaky ReLU to learn."));
                break;
            }
        }
        if (warnings.isEmpty() && t.gradientVanished()) {
            warnings.add(p("Every gradient is 0 for this sample, so the update changes nothing. With ReLU this happens "
                    + "when a unit's pre-activation a is negative: the unit is 'dead' for this input. Leaky ReLU keeps "
                    + "a small gradient there."));
        }
        if (warnings.isEmpty()) return null;
        return div(warnings.toArray(DomContent[]::new)).withClass("warning").withId("gradient-warning")
                .attr("role", "note");
    }

    // ---------------------------------------------------------------- 5. update

    private static DomContent update(StepTrace t) {
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

    static String vector(Vec v) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) parts.add(Num.f(v.get(i)));
        return "[" + String.join(", ", parts) + "]";
    }
}

package netstep.view;

import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.TrTag;
import netstep.data.InputFeature;
import netstep.engine.BatchTrace;
import netstep.engine.Layer;
import netstep.engine.Vec;
import netstep.engine.Regularization;
import netstep.experiment.DataSource;
import netstep.experiment.Experiment;
import netstep.experiment.Experiment.BatchStep;
import netstep.view.render.Digits;
import netstep.view.render.Num;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;
import static netstep.view.MathView.*;

/**
 * A batch step's part of each phase (issue 14), rendered from the engine's {@link BatchTrace}: the b samples, each
 * sample's ŷ and loss and their mean, λR and L + λR, the mean gradient with λ ∂R/∂W beside it, and the update that
 * uses them. The one-sample phase views show the chosen sample's own numbers beside this; nothing is recomputed.
 */
final class BatchView {
    /** Batches longer than this list their first samples only, with a note. */
    static final int LISTED = 32;

    private BatchView() {
    }

    /** The phase's summary line for a batch step, or null for a one-sample step (the phase view's own then). */
    static String summaryLine(Digits d, netstep.experiment.Phase p, BatchStep step) {
        if (step == null) return null;
        BatchTrace t = step.trace();
        boolean regularized = !t.regularization().none();
        return switch (p) {
            case PICK -> "a batch of b = " + t.batchSize() + " samples: " + rows(step.rows());
            case FORWARD -> "ŷₛ for each of the " + t.batchSize() + " samples";
            case LOSS -> "L = (1/b) Σₛ Lₛ = " + d.f(t.dataLoss())
                    + (regularized ? ", λR = " + d.f(t.lambdaR()) + ", L + λR = " + d.f(t.loss()) : "");
            case BACKWARD -> "∂L/∂θ = (1/b) Σₛ ∂Lₛ/∂θ" + (regularized ? ", plus λ ∂R/∂W" : "");
            case UPDATE -> (regularized ? "θ ← θ − η(∂L/∂θ + λ ∂R/∂θ)" : "θ ← θ − η ∂L/∂θ") + " with the batch's mean, η = "
                    + d.f(t.learningRate());
            default -> null;
        };
    }

    /** Sets the chosen sample's own numbers (the phase view's) apart from the batch's, or null for one sample. */
    static DomContent sampleHeading(BatchStep step, String what) {
        if (step == null) return null;
        return h3("Sample s = " + (step.chosen() + 1) + " (#" + (step.rows().get(step.chosen()) + 1) + ") alone: " + what)
                .withClass("batch-sample-heading");
    }

    /** e.g. "#6, #1, #5", the first eight of a larger batch and "…". */
    static String rows(List<Integer> rows) {
        List<String> shown = new ArrayList<>();
        for (int k = 0; k < Math.min(rows.size(), 8); k++) shown.add("#" + (rows.get(k) + 1));
        return String.join(", ", shown) + (rows.size() > 8 ? ", …" : "");
    }

    /** 1. Pick: the b samples of the batch, the chosen one marked. */
    static DomContent pick(Experiment e, BatchStep step) {
        Digits d = DigitsView.of(e);
        if (step == null) return null;
        BatchTrace t = step.trace();
        List<Integer> rows = step.rows();
        int b = t.batchSize();
        List<DomContent> body = new ArrayList<>();
        for (int s = 0; s < listed(b); s++) {
            BatchTrace.Sample sample = t.samples().get(s);
            body.add(marked(step, s, tr(td(String.valueOf(s + 1)), td("#" + (rows.get(s) + 1)),
                    td(TraceView.vector(d, sample.x())), td(TraceView.vector(d, sample.y())))));
        }
        return div(
                p(text("This step takes a batch of "), strong("b = " + b), text(" sample" + (b == 1 ? "" : "s")
                        + " (" + e.config().order().label + "); an epoch of N = " + e.dataset().size()
                        + " samples is ⌈N/b⌉ = " + e.stepsPerEpoch() + (e.stepsPerEpoch() == 1 ? " step." : " steps.")
                        + (b < e.config().batchSize() ? " The last batch of the epoch is smaller." : ""))),
                table(thead(tr(th("s"), th("sample"), th("x"), th("y"))), tbody(body.toArray(DomContent[]::new)))
                        .withClass("batch-table").withId("batch-samples"),
                more(b),
                selector(e, step),
                p("Below, the phases show sample s = " + (step.chosen() + 1) + "'s own numbers; the batch's "
                        + "means are what the update uses.").withClass("hint"))
                .withId("batch").withClass("batch");
    }

    /** 2. Forward: each sample's prediction ŷₛ. */
    static DomContent forward(Experiment e, BatchStep step) {
        Digits d = DigitsView.of(e);
        if (step == null) return null;
        BatchTrace t = step.trace();
        List<DomContent> body = new ArrayList<>();
        for (int s = 0; s < listed(t.batchSize()); s++) {
            body.add(marked(step, s, tr(td(String.valueOf(s + 1)), td(TraceView.vector(d, t.samples().get(s).prediction())))));
        }
        return div(p("The forward pass runs once per sample of the batch, with the same parameters θ:"),
                table(thead(tr(th("s"), th("ŷₛ = f(xₛ; θ)"))), tbody(body.toArray(DomContent[]::new)))
                        .withClass("batch-table").withId("batch-forward"),
                more(t.batchSize())).withClass("batch");
    }

    /** 3. Loss: each Lₛ, their mean L, and with regularization λR and L + λR. */
    static DomContent loss(Experiment e, BatchStep step) {
        Digits d = DigitsView.of(e);
        if (step == null) return null;
        BatchTrace t = step.trace();
        int b = t.batchSize();
        List<DomContent> body = new ArrayList<>();
        for (int s = 0; s < listed(b); s++) {
            BatchTrace.Sample sample = t.samples().get(s);
            body.add(marked(step, s, tr(td(String.valueOf(s + 1)), td(TraceView.vector(d, sample.prediction())),
                    td(TraceView.vector(d, sample.y())), cell(d, sample.loss()).withId("batch-loss-" + (s + 1)))));
        }
        Regularization r = t.regularization();
        DivTag totals = div(p(text("Data loss, the mean over the batch: L = (1/b) Σₛ Lₛ = "),
                b(d.f(t.dataLoss())).withId("batch-data-loss").withTitle(Num.exact(t.dataLoss()))));
        if (!r.none()) {
            totals.with(
                    p(text("Regularization (" + r.kind().label + ", " + r.kind().formula + " over the weights, not "
                            + "the biases): R = " + d.f(t.penalty()) + ", λR = " + d.f(r.lambda()) + " × "
                            + d.inFormula(t.penalty()) + " = "), b(d.f(t.lambdaR())).withId("batch-lambda-r").withTitle(Num.exact(t.lambdaR()))),
                    p(text("The loss the step descends: L + λR = " + d.f(t.dataLoss()) + " + "
                            + d.inFormula(t.lambdaR()) + " = "), b(d.f(t.loss())).withId("batch-total-loss").withTitle(Num.exact(t.loss()))));
        }
        return div(table(thead(tr(th("s"), th("ŷₛ"), th("yₛ"), th("Lₛ"))), tbody(body.toArray(DomContent[]::new)))
                        .withClass("batch-table").withId("batch-losses"),
                more(b), totals).withClass("batch");
    }

    /** 4. Backpropagation: the sample selector, and per layer the mean gradient, λ ∂R/∂W and their sum. */
    static DomContent backward(Experiment e, BatchStep step) {
        Digits d = DigitsView.of(e);
        if (step == null) return null;
        BatchTrace t = step.trace();
        Regularization r = t.regularization();
        DivTag div = div(
                p("Backpropagation runs once per sample: below are sample s = " + (step.chosen() + 1)
                        + "'s gradients ∂Lₛ/∂θ. The step uses their mean over the batch, ∂L/∂θ = (1/b) Σₛ ∂Lₛ/∂θ"
                        + (r.none() ? "." : ", plus λ ∂R/∂W on the weights.")),
                selector(e, step));
        for (int l = 0; l < t.gradients().size(); l++) {
            int n = l + 1;
            BatchTrace.LayerGradient g = t.gradients().get(l);
            DivTag eq = r.none()
                    ? equation(labelled("∂L/∂" + sym("W", n) + " (mean)", matrix(d, g.dL_dW(), "batch-dw" + n)),
                            labelled("∂L/∂" + sym("b", n) + " (mean)", column(d, g.dL_db(), "batch-db" + n)))
                    : equation(labelled("∂L/∂" + sym("W", n) + " (mean)", matrix(d, g.dL_dW(), "batch-dw" + n)),
                            op("+"), labelled("λ ∂R/∂" + sym("W", n), matrix(d, g.lambda_dR_dW(), "batch-rw" + n)),
                            op("="), labelled("∂(L + λR)/∂" + sym("W", n), matrix(d, g.dTotal_dW(), "batch-tw" + n)),
                            labelled("∂L/∂" + sym("b", n) + " (mean)", column(d, g.dL_db(), "batch-db" + n)));
            div.with(div(h3("Layer " + n + ": the gradient the update uses"), eq).withClass("layer-block"));
        }
        return div.withClass("batch");
    }

    /** 5. Update: θ ← θ − η(∂L/∂θ + λ ∂R/∂θ) with the batch's mean gradient, in place of the one-sample update. */
    static DomContent update(Experiment e, BatchStep step) {
        Digits d = DigitsView.of(e);
        if (step == null) return null;
        BatchTrace t = step.trace();
        boolean regularized = !t.regularization().none();
        double eta = t.learningRate();
        DivTag div = div(p("Each parameter moves against the batch's mean gradient"
                + (regularized ? " plus the regularization's: W ← W − η(∂L/∂W + λ ∂R/∂W), b ← b − η ∂L/∂b"
                : ": θ ← θ − η ∂L/∂θ") + ", with η = " + d.f(eta) + ". The new parameters:"))
                .withId("batch-update").withClass("batch");
        for (int l = 0; l < t.gradients().size(); l++) {
            int n = l + 1;
            Layer before = t.before().layer(l);
            Layer after = t.after().layer(l);
            BatchTrace.LayerGradient g = t.gradients().get(l);
            String gradient = regularized
                    ? "(" + d.inFormula(g.dL_dW().get(0, 0)) + " + " + d.inFormula(g.lambda_dR_dW().get(0, 0)) + ")"
                    : d.inFormula(g.dL_dW().get(0, 0));
            div.with(div(
                    h3("Layer " + n),
                    equation(labelled(sym("W", n) + " new", matrix(d, after.weights(), "batch-upd-w" + n)),
                            labelled(sym("b", n) + " new", column(d, after.biases(), "batch-upd-b" + n))),
                    p(sym("W", n) + "[1,1] ← " + d.f(before.weight(0, 0)) + " − " + d.f(eta) + " × " + gradient
                            + " = " + d.f(after.weight(0, 0))).withClass("batch-update-formula"),
                    t.biasesTrained() ? p(sym("b", n) + "[1] ← " + d.f(before.bias(0)) + " − " + d.f(eta) + " × "
                            + d.inFormula(g.dL_db().get(0)) + " = " + d.f(after.bias(0)))
                            : p("Biases are frozen: they are not trained.")
            ).withClass("layer-block"));
        }
        return div;
    }

    /**
     * A button for each sample of the batch, in a form that works without JavaScript (POST, answered with a 303 to
     * the page) and with htmx (the step's fragments come back out of band). The choice holds for later batches too.
     */
    static DomContent selector(Experiment e, BatchStep step) {
        Digits d = DigitsView.of(e);
        BatchTrace t = step.trace();
        // it chooses within the current step: a past step from the history has none
        if (t.batchSize() < 2 || e.batch().orElse(null) != t) return null;
        List<DomContent> buttons = new ArrayList<>();
        for (int s = 0; s < listed(t.batchSize()); s++) {
            var button = button(String.valueOf(s + 1)).withType("submit").withName("sample")
                    .withValue(String.valueOf(s + 1)).withClass("batch-choice")
                    .attr("aria-label", "sample s = " + (s + 1));
            if (s == step.chosen()) button.attr("aria-current", "true").withClass("batch-choice current");
            buttons.add(button);
            buttons.add(text(" "));
        }
        return form(text("Show the numbers of sample s = "), span(buttons.toArray(DomContent[]::new)))
                .withMethod("post").withAction("/batch/sample").attr("hx-post", "/batch/sample").attr("hx-swap", "none")
                .withClass("batch-selector").attr("aria-label", "Choose a sample of the batch");
    }

    /** The raw point and its input features (2-D data fed as features), or null. */
    static DomContent rawPoint(Experiment e, Vec x, int sampleIndex) {
        Digits d = DigitsView.of(e);
        if (!(e.config().data() instanceof DataSource.Featured f)) return null;
        double[] raw = f.source().dataset().x(sampleIndex);
        List<InputFeature> features = f.features();
        List<DomContent> cells = new ArrayList<>();
        // x is the sample as the network was fed it: the features, in order
        for (int k = 0; k < features.size(); k++) {
            cells.add(li(features.get(k).label + " = " + d.f(x.get(k))));
        }
        return div(p(text("The raw point: (x₁, x₂) = (" + d.f(raw[0]) + ", " + d.f(raw[1])
                        + "). The network is fed its input features:")).withId("raw-point"),
                ul(cells.toArray(DomContent[]::new)).withClass("features-of-point")).withClass("raw-point");
    }

    private static int listed(int b) {
        return Math.min(b, LISTED);
    }

    private static DomContent more(int b) {
        return b > LISTED ? p("… and " + (b - LISTED) + " more samples.").withClass("hint") : null;
    }

    private static TrTag marked(BatchStep step, int s, TrTag row) {
        return s == step.chosen() ? row.withClass("chosen-sample").attr("aria-current", "true") : row;
    }

}

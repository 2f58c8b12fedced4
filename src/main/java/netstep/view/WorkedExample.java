package netstep.view;

import netstep.view.render.*;

import netstep.engine.Layer;
import netstep.engine.Mat;
import netstep.engine.StepTrace;
import netstep.engine.Vec;
import netstep.experiment.Experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * The current step as a worked example in Markdown, every number included, for a homework answer key.
 * It renders the engine's trace, as the page does, and rounds numbers the same way (4 decimals).
 */
public final class WorkedExample {
    private WorkedExample() {
    }

    /** Empty when no step has been picked yet. */
    public static String markdown(Experiment e) {
        if (e.trace().isEmpty()) return "";
        StepTrace t = e.trace().orElseThrow();
        StringBuilder md = new StringBuilder();
        md.append("# Worked example: one step of gradient descent\n\n");
        md.append("Network ").append(String.join("-", t.before().sizes().stream().map(String::valueOf).toList()))
                .append(" (").append(t.before().parameterCount().formula()).append("), ")
                .append(t.lossFunction().label).append(" loss ").append(t.lossFunction().formula)
                .append(", learning rate η = ").append(Num.f(t.learningRate())).append(".\n\n");
        netstep.experiment.Experiment.BatchStep batch = e.batchStep().orElse(null);
        if (batch != null) batch(md, batch);
        md.append("## 1. The sample\n\n");
        md.append("Sample #").append(e.sampleIndex() + 1).append(" of ").append(e.dataset().title())
                .append(": x = ").append(vector(t.x())).append(", y = ").append(vector(t.y())).append(".\n\n");
        forward(md, t);
        loss(md, t);
        backward(md, t);
        if (batch == null) update(md, t); else batchUpdate(md, batch.trace());
        return md.toString();
    }

    /** A batch step (issue 14): the b samples, their losses and means; sections 1 to 4 are then one sample's. */
    private static void batch(StringBuilder md, netstep.experiment.Experiment.BatchStep step) {
        netstep.engine.BatchTrace b = step.trace();
        md.append("## The batch: b = ").append(b.batchSize()).append(" samples\n\n");
        md.append("| s | sample | ŷₛ | yₛ | Lₛ |\n| --- | --- | --- | --- | --- |\n");
        for (int s = 0; s < b.batchSize(); s++) {
            var sample = b.samples().get(s);
            md.append("| ").append(s + 1).append(" | #").append(step.rows().get(s) + 1).append(" | ")
                    .append(vector(sample.prediction())).append(" | ").append(vector(sample.y())).append(" | ")
                    .append(Num.f(sample.loss())).append(" |\n");
        }
        md.append("\nData loss L = (1/b) Σₛ Lₛ = ").append(Num.f(b.dataLoss())).append(".");
        if (!b.regularization().none()) {
            md.append(" Regularization ").append(b.regularization().kind().label).append(" (")
                    .append(b.regularization().kind().formula).append("): λR = ").append(Num.f(b.lambdaR()))
                    .append(", L + λR = ").append(Num.f(b.loss())).append(".");
        }
        md.append("\n\nSections 1 to 4 show sample s = ").append(step.chosen() + 1)
                .append(" alone; the update (5) uses the batch's mean gradient.\n\n");
    }

    private static void batchUpdate(StringBuilder md, netstep.engine.BatchTrace b) {
        boolean regularized = !b.regularization().none();
        md.append(regularized ? "## 5. Update W ← W − η(∂L/∂W + λ ∂R/∂W), b ← b − η ∂L/∂b\n\n"
                : "## 5. Update θ ← θ − η ∂L/∂θ with the batch's mean gradient\n\n");
        for (int l = 0; l < b.gradients().size(); l++) {
            int n = l + 1;
            Layer before = b.before().layer(l);
            Layer after = b.after().layer(l);
            netstep.engine.BatchTrace.LayerGradient g = b.gradients().get(l);
            md.append("### Layer ").append(n).append("\n\n");
            for (int j = 0; j < before.outputs(); j++) {
                for (int i = 0; i < before.inputs(); i++) {
                    md.append("- W").append(Num.sub(n)).append('[').append(j + 1).append(',').append(i + 1).append("] ← ")
                            .append(Num.f(before.weight(j, i))).append(" − ").append(Num.f(b.learningRate())).append(" × ")
                            .append(regularized ? "(" + Num.inFormula(g.dL_dW().get(j, i)) + " + "
                                    + Num.inFormula(g.lambda_dR_dW().get(j, i)) + ")" : Num.inFormula(g.dL_dW().get(j, i)))
                            .append(" = ").append(Num.f(after.weight(j, i))).append('\n');
                }
                md.append("- b").append(Num.sub(n)).append('[').append(j + 1).append("] ← ");
                if (b.biasesTrained()) {
                    md.append(Num.f(before.bias(j))).append(" − ").append(Num.f(b.learningRate())).append(" × ")
                            .append(Num.inFormula(g.dL_db().get(j))).append(" = ");
                } else {
                    md.append("(frozen) ");
                }
                md.append(Num.f(after.bias(j))).append('\n');
            }
            md.append('\n');
        }
    }

    private static void forward(StringBuilder md, StepTrace t) {
        int depth = t.forward().size();
        md.append("## 2. Forward pass\n\n");
        for (int l = 0; l < depth; l++) {
            int n = l + 1;
            Layer layer = t.before().layer(l);
            StepTrace.LayerForward fw = t.forward().get(l);
            String in = n == 1 ? "x" : "f" + Num.sub(n - 1);
            md.append("### Layer ").append(n).append(" (").append(layer.activation().label()).append(")\n\n");
            md.append("W").append(Num.sub(n)).append(" =\n\n").append(table(layer.weights())).append('\n');
            md.append("b").append(Num.sub(n)).append(" = ").append(vector(layer.biases())).append("\n\n");
            md.append("a").append(Num.sub(n)).append(" = W").append(Num.sub(n)).append(' ').append(in).append(" + b")
                    .append(Num.sub(n)).append(":\n\n");
            for (int j = 0; j < layer.outputs(); j++) {
                List<String> terms = new ArrayList<>();
                for (int i = 0; i < layer.inputs(); i++) {
                    terms.add(Num.inFormula(layer.weight(j, i)) + "·" + Num.inFormula(fw.input().get(i)));
                }
                md.append("- a").append(Num.sub(n)).append('[').append(j + 1).append("] = ")
                        .append(String.join(" + ", terms)).append(" + ").append(Num.inFormula(layer.bias(j)))
                        .append(" = ").append(Num.f(fw.a().get(j))).append('\n');
            }
            md.append("\nf").append(Num.sub(n)).append(" = f(a").append(Num.sub(n)).append("), where ")
                    .append(layer.activation().formula()).append(": f").append(Num.sub(n)).append(" = ")
                    .append(vector(fw.f())).append("\n\n");
        }
        md.append("Prediction ŷ = ").append(vector(t.prediction())).append(".\n\n");
    }

    private static void loss(StringBuilder md, StepTrace t) {
        md.append("## 3. Loss\n\n");
        List<String> terms = new ArrayList<>();
        for (int k = 0; k < t.y().size(); k++) terms.add(Num.f(t.lossTerms().get(k)));
        md.append(t.lossFunction().formula).append(" = ").append(String.join(" + ", terms)).append(" = **")
                .append(Num.f(t.loss())).append("**\n\n");
    }

    private static void backward(StringBuilder md, StepTrace t) {
        int depth = t.forward().size();
        md.append("## 4. Backpropagation\n\n");
        md.append(t.lossFunction().gradientFormula()).append(" for each output; then, layer by layer from the last, ")
                .append("∂L/∂a = ∂L/∂f ⊙ ∂f/∂a, ∂L/∂W = ∂L/∂a · xᵀ, ∂L/∂b = ∂L/∂a.\n\n");
        for (int l = depth - 1; l >= 0; l--) {
            int n = l + 1;
            StepTrace.LayerBackward bw = t.backward().get(l);
            md.append("### Layer ").append(n).append("\n\n");
            md.append("- ∂L/∂f").append(Num.sub(n)).append(" = ").append(vector(bw.dL_df())).append('\n');
            md.append("- ∂f").append(Num.sub(n)).append("/∂a").append(Num.sub(n)).append(" = ")
                    .append(vector(bw.df_da())).append('\n');
            md.append("- ∂L/∂a").append(Num.sub(n)).append(" = ").append(vector(bw.dL_da())).append('\n');
            md.append("- ∂L/∂b").append(Num.sub(n)).append(" = ").append(vector(bw.dL_db())).append("\n\n");
            md.append("∂L/∂W").append(Num.sub(n)).append(" =\n\n").append(table(bw.dL_dW())).append('\n');
        }
    }

    private static void update(StringBuilder md, StepTrace t) {
        int depth = t.forward().size();
        md.append("## 5. Update θ ← θ − η∇θ\n\n");
        for (int l = 0; l < depth; l++) {
            int n = l + 1;
            Layer before = t.before().layer(l);
            Layer after = t.after().layer(l);
            StepTrace.LayerBackward bw = t.backward().get(l);
            md.append("### Layer ").append(n).append("\n\n");
            for (int j = 0; j < before.outputs(); j++) {
                for (int i = 0; i < before.inputs(); i++) {
                    md.append("- W").append(Num.sub(n)).append('[').append(j + 1).append(',').append(i + 1).append("] ← ")
                            .append(Num.f(before.weight(j, i))).append(" − ").append(Num.f(t.learningRate())).append(" × ")
                            .append(Num.inFormula(bw.dL_dW().get(j, i))).append(" = ").append(Num.f(after.weight(j, i)))
                            .append('\n');
                }
                md.append("- b").append(Num.sub(n)).append('[').append(j + 1).append("] ← ");
                if (t.biasesTrained()) {
                    md.append(Num.f(before.bias(j))).append(" − ").append(Num.f(t.learningRate())).append(" × ")
                            .append(Num.inFormula(bw.dL_db().get(j))).append(" = ");
                } else {
                    md.append("(frozen) ");
                }
                md.append(Num.f(after.bias(j))).append('\n');
            }
            md.append('\n');
        }
    }

    private static String vector(Vec v) {
        return TraceView.vector(Digits.DEFAULT, v); // the export keeps the default format
    }

    private static String table(Mat m) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < m.columns(); i++) sb.append(" col ").append(i + 1).append(" |");
        sb.append("\n|");
        for (int i = 0; i < m.columns(); i++) sb.append("---:|");
        sb.append('\n');
        for (int j = 0; j < m.rows(); j++) {
            sb.append('|');
            for (int i = 0; i < m.columns(); i++) sb.append(' ').append(Num.f(m.get(j, i))).append(" |");
            sb.append('\n');
        }
        return sb.toString();
    }
}

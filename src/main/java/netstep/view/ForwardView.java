package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import netstep.engine.Layer;
import netstep.engine.StepTrace;
import netstep.experiment.Experiment;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;
import static netstep.view.MathView.*;

/** Phase 2 of the trace, the forward pass: a = Wx + b and f(a), layer by layer, neuron by neuron. */
final class ForwardView {
    private static final int SPELL_OUT_LIMIT = 8;

    private ForwardView() {
    }

    static String summaryLine(Digits d, StepTrace t) {
        return "ŷ = " + TraceView.vector(d, t.prediction());
    }

    static DomContent body(Experiment e, StepTrace t) {
        return div(ImageView.forward(e, t), layers(DigitsView.of(e), t));
    }

    private static DomContent layers(Digits d, StepTrace t) {
        DivTag div = div();
        List<StepTrace.LayerForward> layers = t.forward();
        for (int l = 0; l < layers.size(); l++) div.with(layer(d, t, l));
        div.with(p(strong("Prediction: "), text("ŷ = f" + Num.sub(layers.size()) + " = " + TraceView.vector(d, t.prediction()))));
        return div;
    }

    private static DivTag layer(Digits d, StepTrace t, int l) {
        int n = l + 1;
        StepTrace.LayerForward fw = t.forward().get(l);
        Layer layer = t.before().layer(l);
        String xName = n == 1 ? "x" : sym("f", n - 1);
        return div(
                h3("Layer " + n + ": " + layer.inputs() + " → " + layer.outputs() + ", "
                        + layer.activation().label()),
                p(sym("a", n) + " = " + sym("W", n) + " " + xName + " + " + sym("b", n)),
                equation(labelled(sym("W", n), plainMatrix(d, layer.weights())), labelled(xName, column(d, fw.input())),
                        op("+"), labelled(sym("b", n), column(d, layer.biases())), op("="),
                        labelled(sym("a", n), column(d, fw.a(), "fwd-a" + n))),
                neuronSums(d, n, layer, fw),
                p(sym("f", n) + " = f(" + sym("a", n) + "), where " + layer.activation().formula()),
                equation(labelled(sym("f", n), column(d, fw.f(), "fwd-f" + n))),
                n == 1 ? biasTrick(d, layer, fw, xName) : null
        ).withClass("layer-block");
    }

    /** Shown once, at the first layer: every layer's a is the same product (and the page stays light). */
    private static DomContent biasTrick(Digits d, Layer layer, StepTrace.LayerForward fw, String xName) {
        int n = 1;
        return details(summary("The bias trick: [" + sym("W", n) + " | " + sym("b", n) + "] times "
                        + xName + " with 1 appended gives the same " + sym("a", n) + " (in every layer)"),
                equation(labelled("[" + sym("W", n) + " | " + sym("b", n) + "]",
                                augmented(d, layer.weights(), layer.biases())),
                        labelled("[" + xName + "; 1]", withOne(d, fw.input())), op("="),
                        labelled(sym("a", n), column(d, fw.a())))).withClass("bias-trick");
    }

    /** a[j] = Σᵢ W[j,i]·x[i] + b[j], written out with the numbers for small layers. */
    private static DomContent neuronSums(Digits d, int n, Layer layer, StepTrace.LayerForward fw) {
        if (layer.inputs() > SPELL_OUT_LIMIT || layer.outputs() > SPELL_OUT_LIMIT) return null;
        List<DomContent> lines = new ArrayList<>();
        for (int j = 0; j < layer.outputs(); j++) {
            StringBuilder sb = new StringBuilder(sym("a", n) + "[" + (j + 1) + "] = ");
            for (int i = 0; i < layer.inputs(); i++) {
                if (i > 0) sb.append(" + ");
                sb.append(d.inFormula(layer.weight(j, i))).append("·").append(d.inFormula(fw.input().get(i)));
            }
            sb.append(" + ").append(d.inFormula(layer.bias(j))).append(" = ").append(d.f(fw.a().get(j)));
            sb.append(",  ").append(sym("f", n)).append("[").append(j + 1).append("] = ").append(d.f(fw.f().get(j)));
            lines.add(li(sb.toString()));
        }
        return details(summary("Neuron by neuron"), ul(lines.toArray(DomContent[]::new)).withClass("sums"))
                .attr("open");
    }
}

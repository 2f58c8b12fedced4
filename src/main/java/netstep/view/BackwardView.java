package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.DetailsTag;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.TableTag;
import netstep.engine.Activation;
import netstep.engine.Loss;
import netstep.engine.Mat;
import netstep.engine.StepTrace;
import netstep.engine.Vec;
import netstep.experiment.Experiment;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;
import static netstep.view.MathView.*;

/**
 * Phase 4 of the trace, backpropagation: from the loss back through the layers, last first, by the chain rule
 * ∂L/∂W = ∂L/∂f · ∂f/∂a · ∂a/∂W, with every gradient the engine recorded.
 */
final class BackwardView {
    private BackwardView() {
    }

    static String summaryLine(StepTrace t) {
        return t.gradientVanished() ? "every gradient is 0" : "∂L/∂θ for every weight and bias";
    }

    /**
     * The phase's working. {@code lazyStep}, if not 0, is the step whose trace this is in a step's answer: the
     * closed {@code <details>} are sent without their body, which loads when opened (see {@link #part}); the full
     * page has every body, so it needs no JavaScript.
     */
    static DomContent body(Experiment e, StepTrace t, int lazyStep) {
        return div(ImageView.rowsAsImages(e, t, false), layers(DigitsView.of(e), t, lazyStep));
    }

    /**
     * A body left out of a step's answer, by the name its placeholder asks for: "chain-n", layer n's chain rule
     * weight by weight, or "sum-n-k", every term of hidden neuron k's sum in layer n.
     * @throws netstep.experiment.InvalidInput for a name that is neither, or out of the network's range
     */
    static DomContent part(Digits d, StepTrace t, String name) {
        java.util.regex.Matcher m = PART.matcher(name == null ? "" : name);
        int depth = t.forward().size();
        int n = m.matches() ? Integer.parseInt(m.group(2)) : 0;
        if (n < 1 || n > depth) {
            throw new netstep.experiment.InvalidInput("No such part of the backpropagation: write chain-n or sum-n-k "
                    + "with a layer n from 1 to " + depth + ".");
        }
        boolean chain = m.group(1).equals("chain");
        if (chain && m.group(3) == null) return chainRuleLines(d, n, t.backward().get(n - 1), t.forward().get(n - 1));
        int k = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        if (chain || n == depth || k < 1 || k > Math.min(t.backward().get(n - 1).dL_df().size(), MathView.SHOWN)) {
            throw new netstep.experiment.InvalidInput("No such part of the backpropagation: chain-n takes a layer n "
                    + "only, sum-n-k a hidden layer n from 1 to " + (depth - 1) + " and one of its first neurons k.");
        }
        return allTerms(d, t, n - 1, k - 1);
    }

    private static final java.util.regex.Pattern PART =
            java.util.regex.Pattern.compile("(chain|sum)-(\\d{1,2})(?:-(\\d{1,4}))?");

    /**
     * A closed details' body in a step's answer: a placeholder that fetches it once opened (htmx "toggle"); where
     * it goes, its placeholder, is said once for all of them on the layers (hx-target and hx-swap are inherited).
     */
    private static DetailsTag lazy(DetailsTag details, int step, String part) {
        return details.attr("hx-get", "/trace/" + step + "/" + part).attr("hx-trigger", "toggle once");
    }

    private static DomContent loading() {
        return span("Loading…").withClass("lazy hint");
    }

    private static DomContent layers(Digits d, StepTrace t, int lazyStep) {
        DivTag div = lazyStep == 0 ? div() : div().attr("hx-target", "find .lazy").attr("hx-swap", "outerHTML");
        div.with(gradientWarnings(t));
        Loss loss = t.lossFunction();
        div.with(p("Start at the loss: " + loss.gradientFormula() + ", for each output. "
                + "Then go backwards through the layers with the chain rule: "
                + "∂L/∂W = ∂L/∂f · ∂f/∂a · ∂a/∂W."));
        for (int l = t.forward().size() - 1; l >= 0; l--) div.with(layer(d, t, l, lazyStep));
        return div;
    }

    private static DivTag layer(Digits d, StepTrace t, int l, int lazyStep) {
        int depth = t.forward().size();
        int n = l + 1;
        StepTrace.LayerBackward bw = t.backward().get(l);
        StepTrace.LayerForward fw = t.forward().get(l);
        Activation act = t.before().layer(l).activation();
        String xName = n == 1 ? "x" : sym("f", n - 1);
        String origin = n == depth ? "= ∂L/∂ŷ, from the loss" : "= " + sym("W", n + 1) + "ᵀ ∂L/∂" + sym("a", n + 1)
                + ", passed back from layer " + (n + 1);
        return div(
                h3("Layer " + n + (n == depth ? " (output)" : "")),
                n < depth ? pathSums(d, t, l, lazyStep) : null,
                p("∂L/∂" + sym("f", n) + " " + origin + ";  ∂" + sym("f", n) + "/∂" + sym("a", n) + ": "
                        + act.derivativeFormula().replace("∂f/∂a = ", "")).withClass("note"),
                bw.jacobian() == null
                        ? equation(labelled("∂L/∂" + sym("f", n), column(d, bw.dL_df())), op("⊙"),
                                labelled("∂" + sym("f", n) + "/∂" + sym("a", n), column(d, bw.df_da())), op("="),
                                labelled("∂L/∂" + sym("a", n), column(d, bw.dL_da())))
                        : softmaxBackward(d, n, bw, t),
                // exact values on hover once: ∂L/∂a just above, x or f in the earlier phases, ∂L/∂b = ∂L/∂a
                equation(labelled("∂L/∂" + sym("a", n), plainColumn(d, bw.dL_da())), op("·"),
                        labelled(xName + "ᵀ", row(d, fw.input())), op("="),
                        labelled("∂L/∂" + sym("W", n), matrix(d, bw.dL_dW())),
                        span("and").withClass("note"),
                        labelled("∂L/∂" + sym("b", n) + " = ∂L/∂" + sym("a", n), plainColumn(d, bw.dL_db()))),
                chainRule(d, n, bw, fw, lazyStep),
                n > 1 ? p("Passed back: ∂L/∂" + xName + " = " + sym("W", n) + "ᵀ ∂L/∂" + sym("a", n) + " = "
                        + TraceView.vector(d, bw.dL_dx())) : null
        ).withClass("layer-block");
    }

    /**
     * The heart of backpropagation, for hidden layer l: each neuron's ∂L/∂f as the sum over the neurons it feeds,
     * ∂L/∂fₖ = Σⱼ wⱼₖ · ∂L/∂aⱼ, with every term's numbers from the trace (wide layers: the first terms, then all
     * of them one click away).
     */
    private static DomContent pathSums(Digits d, StepTrace t, int l, int lazyStep) {
        int n = l + 1;
        Vec dL_df = t.backward().get(l).dL_df();
        List<DomContent> lines = new ArrayList<>();
        for (int k = 0; k < Math.min(dL_df.size(), MathView.SHOWN); k++) {
            List<String> terms = terms(d, t, l, k);
            String head = "∂L/∂" + sym("f", n) + "[" + (k + 1) + "] = Σⱼ " + sym("W", n + 1) + "[j," + (k + 1)
                    + "] · ∂L/∂" + sym("a", n + 1) + "[j] = ";
            String value = " = " + d.f(dL_df.get(k));
            if (terms.size() <= FIRST_TERMS) {
                lines.add(li(head + String.join(" + ", terms) + value).withId("bwd-sum" + n + "-" + (k + 1)));
            } else {
                String first = String.join(" + ", terms.subList(0, FIRST_TERMS));
                DetailsTag all = details(summary(head + first + " + …" + value),
                        lazyStep == 0 ? allTerms(terms, value) : loading());
                if (lazyStep != 0) lazy(all, lazyStep, "sum-" + n + "-" + (k + 1));
                lines.add(li(all).withId("bwd-sum" + n + "-" + (k + 1)));
            }
        }
        if (dL_df.size() > MathView.SHOWN) {
            lines.add(li("… and likewise for the other " + (dL_df.size() - MathView.SHOWN) + " neurons."));
        }
        return details(summary("∂L/∂" + sym("f", n) + ", neuron by neuron: the sum over the paths to layer " + (n + 1)),
                ul(lines.toArray(DomContent[]::new)).withClass("sums path-sums")).attr("open");
    }

    private static final int FIRST_TERMS = 4;

    /** The terms W[j,k]·∂L/∂a[j] of neuron k's sum ∂L/∂f[k] in hidden layer l (0-based), one per j it feeds. */
    private static List<String> terms(Digits d, StepTrace t, int l, int k) {
        StepTrace.LayerBackward next = t.backward().get(l + 1);
        netstep.engine.Layer feeds = t.before().layer(l + 1);
        List<String> terms = new ArrayList<>();
        for (int j = 0; j < feeds.outputs(); j++) {
            terms.add(d.inFormula(feeds.weight(j, k)) + "·" + d.inFormula(next.dL_da().get(j)));
        }
        return terms;
    }

    /** Every term of hidden neuron k's sum in layer l (0-based), and its value, as the page opens it. */
    private static DomContent allTerms(Digits d, StepTrace t, int l, int k) {
        return allTerms(terms(d, t, l, k), " = " + d.f(t.backward().get(l).dL_df().get(k)));
    }

    private static DomContent allTerms(List<String> terms, String value) {
        return span("All " + terms.size() + " terms: " + String.join(" + ", terms) + value);
    }

    /** Softmax is not element-wise: ∂L/∂a goes through its full Jacobian J = diag(ŷ) − ŷŷᵀ. */
    private static DomContent softmaxBackward(Digits d, int n, StepTrace.LayerBackward bw, StepTrace t) {
        return div(
                equation(labelled("Jᵀ = (diag(ŷ) − ŷŷᵀ)ᵀ", matrix(d, bw.jacobian(), "bwd-jac" + n)), op("·"),
                        labelled("∂L/∂" + sym("f", n), column(d, bw.dL_df())), op("="),
                        labelled("∂L/∂" + sym("a", n), column(d, bw.dL_da()))),
                t.lossFunction() == Loss.CROSS_ENTROPY
                        ? p("For softmax with cross-entropy this product is simply ŷ − y: each ∂L/∂" + sym("a", n)
                                + "ₖ = ŷₖ − yₖ.").withClass("note")
                        : null);
    }

    private static TableTag row(Digits d, Vec v) {
        return plainMatrix(d, Mat.of(new double[][] {v.toArray()}));
    }

    /** The lecture's ∂L/∂w = ∂L/∂f · ∂f/∂a · ∂a/∂w for one weight, with numbers. */
    private static DomContent chainRule(Digits d, int n, StepTrace.LayerBackward bw, StepTrace.LayerForward fw,
                                        int lazyStep) {
        // open for the first layer, and where it is short: four lines at most (with the "… and likewise" line)
        int shown = Math.min(bw.dL_dW().rows(), 4) * Math.min(bw.dL_dW().columns(), 4);
        boolean open = n == 1 || shown + (shown < bw.dL_dW().rows() * bw.dL_dW().columns() ? 1 : 0) <= 4;
        boolean later = lazyStep != 0 && !open;
        DetailsTag rule = details(summary("The chain rule, weight by weight"),
                later ? loading() : chainRuleLines(d, n, bw, fw));
        if (open) rule.attr("open");
        return later ? lazy(rule, lazyStep, "chain-" + n) : rule;
    }

    /** The first 4 × 4 weights' chain rules, and how many more the matrix holds. */
    private static DomContent chainRuleLines(Digits d, int n, StepTrace.LayerBackward bw, StepTrace.LayerForward fw) {
        List<DomContent> lines = new ArrayList<>();
        int rows = Math.min(bw.dL_dW().rows(), 4);
        int cols = Math.min(bw.dL_dW().columns(), 4);
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < cols; i++) lines.add(li(chainRuleLine(d, n, bw, fw, j, i)));
        }
        if (rows * cols < bw.dL_dW().rows() * bw.dL_dW().columns()) {
            lines.add(li("… and likewise for the other " + (bw.dL_dW().rows() * bw.dL_dW().columns() - rows * cols)
                    + " weights: every entry of the matrix above."));
        }
        return ul(lines.toArray(DomContent[]::new)).withClass("sums");
    }

    /** ∂L/∂W[j,i] of layer n as the chain rule's product, with its numbers. */
    static String chainRuleLine(Digits d, int n, StepTrace.LayerBackward bw, StepTrace.LayerForward fw, int j, int i) {
        String w = sym("W", n) + "[" + (j + 1) + "," + (i + 1) + "]";
        String a = sym("a", n) + "[" + (j + 1) + "]";
        if (bw.jacobian() != null) {
            // softmax: ∂L/∂a[j] already gathers every ∂f_k/∂a_j, so the chain has two links
            return "∂L/∂" + w + " = ∂L/∂" + a + " · ∂" + a + "/∂" + w + " = "
                    + d.inFormula(bw.dL_da().get(j)) + " · " + d.inFormula(fw.input().get(i)) + " = "
                    + d.f(bw.dL_dW().get(j, i));
        }
        String f = sym("f", n) + "[" + (j + 1) + "]";
        return "∂L/∂" + w + " = ∂L/∂" + f + " · ∂" + f + "/∂" + a + " · ∂" + a + "/∂" + w + " = "
                + d.inFormula(bw.dL_df().get(j)) + " · " + d.inFormula(bw.df_da().get(j)) + " · "
                + d.inFormula(fw.input().get(i)) + " = " + d.f(bw.dL_dW().get(j, i));
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
}

package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import netstep.engine.Layer;
import netstep.engine.Network;
import netstep.engine.StepTrace;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;

/**
 * The network as a diagram: neurons as circles in a column per layer, edges coloured by the weight's sign
 * (and dashed when negative) and as thick as its magnitude, labelled with the current phase's numbers.
 * Over 300 lines on purpose: the one drawing every phase tells its story in (labels, edges, captions share one layout).
 */
final class DiagramView {
    static final int MAX_SHOWN_NEURONS = 16;
    private static final double WIDTH = 640;
    private static final double TOP = 34;
    private static final double BOTTOM = 40;
    private static final double SIDE = 48;
    /** Room right of the outputs for the target y and the loss terms: "y -1.23457e-05" at 6 digits beside a pill. */
    private static final double RIGHT_SIDE = 136;
    /** A label's font size (CSS px, the style sheet's) and its monospace advance: labels are sized before drawing. */
    static final double LABEL_FONT = 11;
    static final double LABEL_ADVANCE = 0.61;
    /** Room left and right of a label inside its shape. */
    static final double LABEL_PADDING = 4;

    private DiagramView() {
    }

    /** What the diagram labels the neurons with in each phase. */
    private enum Labels { NONE, INPUTS, FORWARD, LOSS, GRADIENTS, UPDATE }

    /** Renders the edges of a network a step will lead to, so that the phases after the next pick find them cached. */
    static void prerenderEdges(Network network) {
        Geometry layout = new Geometry(network);
        EDGES.get(network, () -> edges(network, layout.ys, layout.radius, layout.columnGap, new WeightEdges(network),
                false).render());
    }

    /** For tests and benchmarks that draw the edges afresh. */
    static void clearEdges() {
        EDGES.clear();
    }

    /** Where the neurons sit: it depends on the network's sizes only. */
    private static final class Geometry {
        final double rowGap;
        final double height;
        final double radius;
        final double columnGap;
        final double[][] ys;

        Geometry(Network network) {
            List<Integer> sizes = network.sizes();
            int tallest = sizes.stream().mapToInt(s -> Math.min(s, MAX_SHOWN_NEURONS)).max().orElse(1);
            rowGap = tallest <= 8 ? 58 : 30;
            height = TOP + BOTTOM + rowGap * tallest;
            radius = Math.min(22, rowGap * 0.38);
            // whole pixels: every edge's coordinates print short (the diagram is a third of a step's answer)
            columnGap = Math.floor((WIDTH - SIDE - RIGHT_SIDE) / (sizes.size() - 1));
            ys = new double[sizes.size()][];
            for (int c = 0; c < sizes.size(); c++) {
                int shown = Math.min(sizes.get(c), MAX_SHOWN_NEURONS);
                double top = Math.floor(TOP + (height - TOP - BOTTOM - rowGap * (shown - 1)) / 2);
                ys[c] = new double[shown];
                for (int j = 0; j < shown; j++) ys[c][j] = top + j * rowGap;
            }
        }
    }

    /**
     * What a step's answer may leave out because the page shows it already (see {@link Svg#preservable}): the
     * edges (the weights, the same from the pick to the loss) and the pictures inside the neurons (the same until
     * an update).
     */
    record Kept(boolean edges, boolean pictures) {
        static final Kept NOTHING = new Kept(false, false);
    }

    static DivTag diagram(Experiment e) {
        return diagram(e, Kept.NOTHING, false);
    }

    /**
     * The diagram as a step's answer draws it when {@code scripted}: the page runs netstep.js, which writes each
     * edge's tip at backpropagation and the update from its numbers (data-tip), as the full page has it.
     */
    static DivTag diagram(Experiment e, Kept kept, boolean scripted) {
        // an image input or a layer too wide for circles: drawn compactly (issue 13)
        if (CompactLayerView.applies(e)) return CompactLayerView.diagram(e);
        Phase phase = e.phase();
        StepTrace trace = e.trace().orElse(null);
        Labels labels = labels(e);
        Network network = e.network();
        Digits d = DigitsView.of(e);
        List<Integer> sizes = network.sizes();
        Geometry layout = new Geometry(network);
        double height = layout.height;
        double radius = layout.radius;
        double columnGap = layout.columnGap;
        double[][] ys = layout.ys;

        Svg svg = Svg.root("diagram-svg", WIDTH, height, "The network " + String.join("-",
                        sizes.stream().map(String::valueOf).toList()) + svgTitle(labels),
                describe(network, labels)).withClass("diagram phase-" + phase.id);
        // inputs fed as features of a 2-D point are labelled with their feature (x₁², sin x₂, …)
        List<String> features = e.config().data() instanceof netstep.experiment.DataSource.Featured f
                ? f.features().stream().map(feature -> feature.label).toList() : List.of();

        // the edges show the weights until backpropagation, which shows the gradients, and the update, which shows
        // the changes: before it, every phase of a step draws the same edges, so they are rendered once per network
        DomContent edges;
        if (labels == Labels.GRADIENTS) {
            edges = edges(network, ys, radius, columnGap, new GradientEdges(trace, d), scripted);
        } else if (labels == Labels.UPDATE) {
            edges = edges(network, ys, radius, columnGap, new ChangeEdges(trace, d), scripted);
        } else {
            edges = rawHtml(Svg.preservable("edges", EDGES.get(network,
                    () -> edges(network, ys, radius, columnGap, new WeightEdges(network), false).render()),
                    kept.edges()));
        }

        svg.with(edges, NeuronPictures.pictures(e, SIDE, columnGap, ys, radius, kept.pictures()),
                neurons(d, network, trace, labels, layout, features, scripted), flow(labels, height));
        if (oneWeight(network)) svg.with(weightLabel(d, network, ys, columnGap));
        return div(caption(e, false),
                oneWeight(network) && !StepperPage.hidden(e.tailoring().orElse(null), "edit") ? weightGuess() : null,
                svg, legend(labels)).withId("diagram").withClass("panel diagram-panel");
    }

    private static Labels labels(Experiment e) {
        Phase phase = e.phase();
        return e.trace().isEmpty() || phase == Phase.READY ? Labels.NONE
                : phase == Phase.PICK ? Labels.INPUTS
                : phase == Phase.FORWARD ? Labels.FORWARD
                : phase == Phase.LOSS ? Labels.LOSS
                : phase == Phase.BACKWARD ? Labels.GRADIENTS
                : Labels.UPDATE;
    }

    /**
     * The caption above the diagram, the same for the compact drawing of wide networks (CompactLayerView), which
     * has bands of weights and coloured squares where this one has edges and numbers.
     */
    static DomContent caption(Experiment e, boolean compact) {
        Labels labels = labels(e);
        String text = caption(DigitsView.of(e), labels, e.network(), e.trace().orElse(null), compact);
        if (labels == Labels.UPDATE && !e.config().regularization().none()) {
            // the penalty's gradient moves the weights too: say so where the plain rule is written
            text = text.replace("Δw = −η ∂L/∂w", "Δw = −η(∂L/∂w + λ ∂R/∂w)").replace("θ ← θ − η∇θ", "θ ← θ − η(∇θL + λ∇θR)");
        }
        if (e.batch().isPresent() && labels != Labels.NONE) {
            // one sample's numbers are drawn, but the update follows the batch's mean
            text += " Drawn: sample #" + (e.batchIndices().get(e.chosenSample()) + 1) + " of the batch of "
                    + e.batchIndices().size() + (labels == Labels.UPDATE ? "; Δw follows the mean gradient of the batch."
                    : "; the update will use the mean gradient of the batch.");
        }
        return p(text).withId("diagram-caption").withClass("diagram-caption");
    }

    /** y = wx, the lecture's smallest perceptron: one input, one output, one weight, which the diagram names. */
    static boolean oneWeight(Network network) {
        return network.depth() == 1 && network.inputs() == 1 && network.layer(0).outputs() == 1;
    }

    /** "w = 1" on the one edge, above its middle: the number the lesson asks the student to guess. */
    private static Svg weightLabel(Digits d, Network network, double[][] ys, double columnGap) {
        double x = SIDE + columnGap / 2;
        double y = (ys[0][0] + ys[1][0]) / 2 - 8;
        return Svg.text(x, y, "w = " + d.f(network.layer(0).weight(0, 0))).withId("edge-w").withClass("edge-label");
    }

    /**
     * The guess of w typed beside the diagram: it sets W1[1,1] as the weight form below does, so the next steps
     * show how far ŷ = wx lands from y with it.
     */
    private static j2html.tags.specialized.FormTag weightGuess() {
        return form(
                input().withType("hidden").withName("parameter").withValue("W1[1,1]"),
                label("Your guess: w = ").attr("for", "w-guess"),
                input().withType("text").withName("value").withId("w-guess").attr("inputmode", "decimal")
                        .attr("size", "7").attr("autocomplete", "off").attr("placeholder", "___").isRequired(),
                text(" "),
                button("Set w").withType("submit").withClass("small")
        ).withId("w-guess-form").withClass("w-guess").withMethod("post").withAction("/edit")
                .attr("hx-post", "/edit").attr("hx-swap", "none");
    }

    /** The neurons, a column per layer, each labelled with the phase's numbers. */
    private static Svg neurons(Digits d, Network network, StepTrace trace, Labels labels, Geometry layout,
                                List<String> features, boolean scripted) {
        List<Integer> sizes = network.sizes();
        double[][] ys = layout.ys;
        Svg nodes = Svg.el("g").withClass("neurons");
        for (int c = 0; c < sizes.size(); c++) {
            double x = SIDE + c * layout.columnGap;
            nodes.with(Svg.text(x, 18, columnName(network, c)).withClass("column-label"));
            for (int j = 0; j < ys[c].length; j++) {
                Svg neuron = neuron(d, network, trace, labels, c, j, x, ys[c][j], layout.radius, scripted);
                if (c == 0 && j < features.size()) {
                    neuron.with(Svg.text(x - layout.radius - 4, ys[c][j] + 4, features.get(j))
                            .withClass("input-feature").attr("text-anchor", "end"));
                }
                nodes.with(neuron);
            }
            if (sizes.get(c) > ys[c].length) {
                nodes.with(Svg.text(x, layout.height - BOTTOM + 12, "+" + (sizes.get(c) - ys[c].length) + " more")
                        .withClass("more-neurons"));
            }
        }
        return nodes;
    }

    /** Rendered edges of networks, for the phases before an update: about 20 KB each for 2-8-8-1. */
    private static final HtmlCache<Network> EDGES = new HtmlCache<>(2_000_000, HtmlCache.FEW_NETWORKS);

    /** What an edge shows: a value (its sign colours the edge, its size sets the width), a tip, and a mark. */
    private interface EdgeStyle {
        double value(int layer, int j, int i);

        String tip(int layer, int j, int i);

        /** The numbers of the tip, from which netstep.js writes it (see {@link #tipFrom}); null: the tip is sent. */
        default List<String> tipNumbers(int layer, int j, int i) {
            return null;
        }

        /** The largest |value|, which gets the widest edge. */
        double largest();

        /** What the edges show, a class on their group: "gradient", "delta", or none for the weights. */
        default String kind() {
            return "";
        }

        default boolean standsOut(int layer, int j, int i) {
            return false;
        }
    }

    /** The weights: the diagram before backpropagation. */
    private record WeightEdges(Network network) implements EdgeStyle {
        public double value(int l, int j, int i) {
            return network.layer(l).weight(j, i);
        }

        public String tip(int l, int j, int i) {
            return MathView.sym("W", l + 1) + "[" + (j + 1) + "," + (i + 1) + "] = " + Num.exact(value(l, j, i));
        }

        public double largest() {
            double max = 1e-12;
            for (Layer layer : network.layers()) {
                for (int j = 0; j < layer.outputs(); j++) {
                    for (int i = 0; i < layer.inputs(); i++) max = Math.max(max, Math.abs(layer.weight(j, i)));
                }
            }
            return max;
        }
    }

    /** Backpropagation: each edge is its weight's gradient ∂L/∂w, its tip the chain rule with the trace's numbers. */
    private record GradientEdges(StepTrace trace, Digits d) implements EdgeStyle {
        public double value(int l, int j, int i) {
            return trace.backward().get(l).dL_dW().get(j, i);
        }

        /** The chain rule's numbers, ∂L/∂f · ∂f/∂a · ∂a/∂w (the caption names the factors; the trace spells them). */
        public String tip(int l, int j, int i) {
            return tipFrom("gradient", l, j, i, tipNumbers(l, j, i));
        }

        /** The factors (two for softmax, whose ∂L/∂a gathers its Jacobian) and their product. */
        public List<String> tipNumbers(int l, int j, int i) {
            StepTrace.LayerBackward bw = trace.backward().get(l);
            String input = d.inFormula(trace.forward().get(l).input().get(i));
            String product = d.f(bw.dL_dW().get(j, i));
            return bw.jacobian() != null ? List.of(d.inFormula(bw.dL_da().get(j)), input, product)
                    : List.of(d.inFormula(bw.dL_df().get(j)), d.inFormula(bw.df_da().get(j)), input, product);
        }

        public double largest() {
            double max = 1e-12;
            for (StepTrace.LayerBackward bw : trace.backward()) {
                for (int j = 0; j < bw.dL_dW().rows(); j++) {
                    for (int i = 0; i < bw.dL_dW().columns(); i++) max = Math.max(max, Math.abs(bw.dL_dW().get(j, i)));
                }
            }
            return max;
        }

        public String kind() {
            return "gradient";
        }
    }

    /** The update: each edge is its weight's change Δw = new − old, the largest changes highlighted. */
    private static final class ChangeEdges implements EdgeStyle {
        private final StepTrace trace;
        private final Digits d;
        private final double threshold;

        ChangeEdges(StepTrace trace, Digits d) {
            this.trace = trace;
            this.d = d;
            this.threshold = mostChangedThreshold(trace);
        }

        public double value(int l, int j, int i) {
            return trace.after().layer(l).weight(j, i) - trace.before().layer(l).weight(j, i);
        }

        public String tip(int l, int j, int i) {
            return tipFrom("delta", l, j, i, tipNumbers(l, j, i));
        }

        /**
         * Δw, old and new. Δw = −η ∂L/∂w is in the caption, the exact new value in the weight tables: the tip stays
         * short, 88 of them in the update's answer for 2-8-8-1.
         */
        public List<String> tipNumbers(int l, int j, int i) {
            return List.of(d.f(value(l, j, i)), d.f(trace.before().layer(l).weight(j, i)),
                    d.f(trace.after().layer(l).weight(j, i)));
        }

        public double largest() {
            return Math.max(1e-300, largestChange(trace));
        }

        public String kind() {
            return "delta";
        }

        public boolean standsOut(int l, int j, int i) {
            double change = value(l, j, i);
            return change != 0 && Math.abs(change) >= threshold;
        }
    }

    private static double largestChange(StepTrace trace) {
        double max = 0;
        for (int l = 0; l < trace.before().depth(); l++) {
            Layer b = trace.before().layer(l);
            Layer a = trace.after().layer(l);
            for (int j = 0; j < b.outputs(); j++) {
                for (int i = 0; i < b.inputs(); i++) max = Math.max(max, Math.abs(a.weight(j, i) - b.weight(j, i)));
            }
        }
        return max;
    }

    /**
     * An edge's tip from its numbers, as netstep.js writes it from data-tip: "∂L/∂W₁[1,2] = a · b · c = p" at
     * backpropagation ({@code kind} "gradient"), "ΔW₁[1,2] = Δ: old → new" at the update ("delta").
     */
    static String tipFrom(String kind, int l, int j, int i, List<String> numbers) {
        String w = MathView.sym("W", l + 1) + "[" + (j + 1) + "," + (i + 1) + "]";
        if (kind.equals("delta")) {
            return "Δ" + w + " = " + numbers.get(0) + ": " + numbers.get(1) + " → " + numbers.get(2);
        }
        return "∂L/∂" + w + " = " + String.join(" · ", numbers.subList(0, numbers.size() - 1)) + " = "
                + numbers.get(numbers.size() - 1);
    }

    /** Edge widths: this many steps from 0.6 to 5 px, each a class of the stylesheet (svg .edge.w0 to .w11). */
    static final int WIDTHS = 12;

    /**
     * The edges, each drawn from {@code style}: coloured by its value's sign, as thick as its size. Each is a short
     * path with two classes for its sign and width (88 of them on 2-8-8-1, in every answer from backpropagation on).
     */
    private static Svg edges(Network network, double[][] ys, double radius, double columnGap, EdgeStyle style,
                             boolean scripted) {
        Svg edges = Svg.el("g").withClass(style.kind().isEmpty() ? "edges" : "edges " + style.kind());
        double largest = style.largest();
        String[][] yText = new String[ys.length][];
        for (int c = 0; c < ys.length; c++) {
            yText[c] = new String[ys[c].length];
            for (int j = 0; j < ys[c].length; j++) yText[c][j] = Svg.n(ys[c][j]);
        }
        for (int l = 0; l < network.depth(); l++) {
            double x1 = SIDE + l * columnGap;
            String from = Svg.n(x1 + radius);
            String to = Svg.n(x1 + columnGap - radius);
            String href = "#w" + (l + 1) + "-";
            for (int j = 0; j < ys[l + 1].length; j++) {
                for (int i = 0; i < ys[l].length; i++) {
                    double value = style.value(l, j, i);
                    boolean standsOut = style.standsOut(l, j, i);
                    // colour, dashes and width come from the stylesheet by class: 88 edges on a 2-8-8-1
                    String classes = (value >= 0 ? "edge positive w" : "edge negative w")
                            + width(Math.abs(value) / largest) + (standsOut ? " changed-most" : "");
                    Svg group = Svg.el("a").attr("href", href + (j + 1) + "-" + (i + 1));
                    List<String> numbers = scripted ? style.tipNumbers(l, j, i) : null;
                    if (numbers != null) group.attr("data-tip", String.join(" ", numbers));
                    else group.with(Svg.title(style.tip(l, j, i)));
                    String d = "M" + from + " " + yText[l][i] + " " + to + " " + yText[l + 1][j];
                    // the halo under a most changed edge: netstep.js draws it for a step's answer, as the tips
                    if (standsOut && !scripted) group.with(Svg.el("path").attr("d", d).withClass("edge-halo"));
                    edges.with(group.with(Svg.el("path").attr("d", d).withClass(classes)));
                }
            }
        }
        return edges;
    }

    /** The width step of an edge whose |value| is {@code share} of the largest: 0 (thinnest) to WIDTHS − 1. */
    static int width(double share) {
        return (int) Math.round((WIDTHS - 1) * Math.min(1, share));
    }

    private static Svg neuron(Digits d, Network network, StepTrace trace, Labels labels, int column, int j, double x,
                              double y, double radius, boolean scripted) {
        NeuronText text = column == 0 ? inputText(d, trace, labels, j) : neuronText(d, network, trace, labels, column, j);
        Svg link = Svg.el("a").attr("href", column == 0 ? "#pick-x-" + (j + 1) : "#b" + column + "-" + (j + 1))
                .withClass(column == 0 ? "neuron input" : "neuron");
        double half = halfWidth(text.inside, radius);
        // as the edges' tips: a step's answer sends backpropagation's and the update's as numbers for netstep.js
        if (scripted && text.numbers != null) link.attr("data-tip", String.join(" ", text.numbers));
        else link.with(Svg.title(text.tip));
        link.with(shape(x, y, radius, half));
        if (!text.inside.isEmpty()) link.with(Svg.text(x, y + 4, text.inside).withClass("neuron-value"));
        if (!text.below.isEmpty()) link.with(Svg.text(x, y + radius + 11, text.below).withClass("neuron-a"));
        if (column == network.depth()) {
            // beside an output: its target y from the pick on, and at the loss its own term of L
            if (labels != Labels.NONE && labels != Labels.FORWARD) {
                link.with(Svg.text(x + half + 5, y - 2, "y " + d.f(trace.y().get(j))).withClass("target-label"));
            }
            if (labels == Labels.LOSS) {
                link.with(Svg.text(x + half + 5, y + 12, "ℓ " + d.f(trace.lossTerms().get(j)))
                        .withClass("loss-label"));
            }
        }
        return link;
    }

    /** A label's width as drawn: every label is monospace (the style sheet's svg .neuron-value and its kin). */
    static double labelWidth(String label) {
        return label.length() * LABEL_ADVANCE * LABEL_FONT;
    }

    /** Half the neuron's width: its radius, or half a pill wide enough for the label inside with its padding. */
    static double halfWidth(String inside, double radius) {
        return Math.max(radius, Math.ceil(labelWidth(inside) / 2 + LABEL_PADDING));
    }

    /** A circle, or a pill as tall as the circle when the number inside needs more room (6 digits, a long -0.0587). */
    private static Svg shape(double x, double y, double radius, double half) {
        if (half <= radius) return Svg.circle(x, y, radius);
        return Svg.rect(x - half, y - radius, 2 * half, 2 * radius).attr("rx", Svg.n(radius)).withClass("pill");
    }

    /** A neuron's label inside, below, and its tip (hover or focus). */
    private record NeuronText(String inside, String below, String tip, List<String> numbers) {
        NeuronText(String inside, String below, String tip) {
            this(inside, below, tip, null);
        }

        /** A tip written from its numbers by {@link #neuronTipFrom}, as netstep.js writes it. */
        static NeuronText of(String inside, String below, String kind, int column, int j, List<String> numbers) {
            return new NeuronText(inside, below, neuronTipFrom(kind, column, j, numbers), numbers);
        }
    }

    /**
     * A neuron's tip from its numbers, as netstep.js writes it from data-tip: "layer 1, neuron 2: a = …, f(a) = …;
     * ∂L/∂a = …" at backpropagation ({@code kind} "gradient"), "layer 1, neuron 2: Δb₁[2] = Δ: old → new" at the
     * update ("delta").
     */
    static String neuronTipFrom(String kind, int column, int j, List<String> n) {
        String neuron = "layer " + column + ", neuron " + (j + 1) + ": ";
        if (kind.equals("delta")) {
            return neuron + "Δ" + MathView.sym("b", column) + "[" + (j + 1) + "] = " + n.get(0) + ": " + n.get(1)
                    + " → " + n.get(2);
        }
        return neuron + "a = " + n.get(0) + ", f(a) = " + n.get(1) + "; ∂L/∂a = " + n.get(2);
    }

    private static NeuronText inputText(Digits d, StepTrace trace, Labels labels, int j) {
        String tip = "input x[" + (j + 1) + "]";
        if (labels == Labels.NONE) return new NeuronText("", "", tip);
        return new NeuronText(d.f(trace.x().get(j)), "", tip + " = " + Num.exact(trace.x().get(j)));
    }

    private static NeuronText neuronText(Digits d, Network network, StepTrace trace, Labels labels, int column, int j) {
        int l = column - 1;
        String neuron = "layer " + column + ", neuron " + (j + 1) + ": ";
        String bias = MathView.sym("b", column) + "[" + (j + 1) + "]";
        if (labels == Labels.NONE || labels == Labels.INPUTS) {
            return new NeuronText("", "", neuron + "bias " + bias + " = " + Num.exact(network.layer(l).bias(j)));
        }
        StepTrace.LayerForward f = trace.forward().get(l);
        String forward = "a = " + d.f(f.a().get(j)) + ", f(a) = " + d.f(f.f().get(j));
        // backpropagation and the update tip their own numbers only (17 neurons in each answer for 2-8-8-1):
        // the bias's exact value is in the weight tables
        return switch (labels) {
            case FORWARD, LOSS -> new NeuronText(d.f(f.f().get(j)), "a " + d.f(f.a().get(j)),
                    neuron + "bias " + bias + " = " + Num.exact(network.layer(l).bias(j)) + "; " + forward);
            case GRADIENTS -> {
                double g = trace.backward().get(l).dL_da().get(j);
                yield NeuronText.of(d.f(g), "∂L/∂a", "gradient", column, j,
                        List.of(d.f(f.a().get(j)), d.f(f.f().get(j)), Num.exact(g)));
            }
            default -> {
                double old = trace.before().layer(l).bias(j);
                double now = trace.after().layer(l).bias(j);
                yield NeuronText.of(d.f(now - old), "Δb", "delta", column, j,
                        List.of(d.f(now - old), d.f(old), d.f(now)));
            }
        };
    }

    private static String columnName(Network network, int column) {
        if (column == 0) return "x";
        if (column == network.depth()) return "ŷ (" + network.layer(column - 1).activation().label() + ")";
        return "layer " + column + " (" + network.layer(column - 1).activation().label() + ")";
    }

    /** The banner that says which way the numbers flow in this phase. */
    private static Svg flow(Labels labels, double height) {
        String text = switch (labels) {
            case NONE -> "Weights: purple positive, orange dashed negative, thicker = larger |w|";
            case INPUTS -> "Sample picked: the inputs x enter on the left, the target y waits at the outputs";
            case FORWARD -> "Forward pass →  values f(a) flow left to right (a below each neuron)";
            case LOSS -> "Loss: the prediction ŷ against the target y at each output";
            case GRADIENTS -> "←  Backpropagation: gradients ∂L/∂a flow right to left";
            case UPDATE -> "Update θ ← θ − η∇θ: the weights that changed most are highlighted";
        };
        return Svg.text(WIDTH / 2, height - 10, text).withClass("flow flow-" + labels.name().toLowerCase());
    }

    private static String svgTitle(Labels labels) {
        return switch (labels) {
            case NONE -> "";
            case INPUTS -> ", with the picked sample's inputs";
            case FORWARD -> ", forward pass: each neuron shows f(a)";
            case LOSS -> ", loss: each output's ŷ, target y and loss term";
            case GRADIENTS -> ", backpropagation: each neuron shows ∂L/∂a, each edge ∂L/∂w";
            case UPDATE -> ", after the update: edges show the change of each weight, the most changed highlighted";
        };
    }

    /** The caption: what the diagram shows in this phase, in words and with the phase's formula. */
    private static String caption(Digits d, Labels labels, Network network, StepTrace trace, boolean compact) {
        return switch (labels) {
            case NONE -> "The network " + String.join("-", network.sizes().stream().map(String::valueOf).toList())
                    + (compact ? ": each band holds a layer's weights (counted), each square or circle is a neuron."
                    : ": each edge is a weight w (purple positive, orange dashed negative, thicker = larger |w|).");
            case INPUTS -> "1. Pick: the sample's inputs x are on the left"
                    + (compact ? "." : "; its target y is beside each output.");
            case FORWARD -> "2. Forward pass: each neuron computes a = Wx + b " + (compact
                    ? "and f(a), layer by layer from left to right; its colour is f(a) (hover for a and f(a))."
                    : "(below it) and f(a) (inside it), layer by layer from left to right.");
            case LOSS -> "3. Loss: each output's prediction ŷ " + (compact ? "" : "(inside) ")
                    + "against its target y, and its term ℓ of " + trace.lossFunction().formula + " = "
                    + d.f(trace.loss()) + ".";
            case GRADIENTS -> "4. Backpropagation: each neuron shows ∂L/∂a; " + (compact
                    ? "its colour is ∂L/∂a (hover for the number); each band's gradients ∂L/∂w are in the tables below."
                    : "each edge is coloured and sized by its gradient ∂L/∂w (focus or hover one for its chain rule "
                    + "∂L/∂f · ∂f/∂a · ∂a/∂w).");
            case UPDATE -> compact
                    ? "5. Update: every weight and bias moves against its gradient, θ ← θ − η∇θ (η = "
                    + d.f(trace.learningRate()) + "); the squares still show ∂L/∂a, the tables below old → new."
                    : "5. Update: each edge shows its change Δw = −η ∂L/∂w (η = " + d.f(trace.learningRate())
                    + "), thicker = larger |Δw|, the largest highlighted; each neuron its Δb. Hover for old → new.";
        };
    }

    private static String describe(Network network, Labels labels) {
        List<String> parts = new ArrayList<>();
        for (int l = 0; l < network.depth(); l++) {
            Layer layer = network.layer(l);
            parts.add("layer " + (l + 1) + ": " + layer.outputs() + " neurons (" + layer.activation().label() + "), "
                    + layer.weightCount() + " weights");
        }
        return network.inputs() + " inputs; " + String.join("; ", parts)
                + ". The weight tables below list every value.";
    }

    private static DivTag legend(Labels labels) {
        return div(
                span(span().withClass("swatch positive")).withClass("legend-item").with(text(" positive " + edgeWord(labels))),
                span(span().withClass("swatch negative")).withClass("legend-item").with(text(" negative " + edgeWord(labels))),
                span(text("Hover or focus a neuron or edge for its exact value; click to jump to it in the tables."))
                        .withClass("hint")
        ).withClass("legend");
    }

    private static String edgeWord(Labels labels) {
        return labels == Labels.GRADIENTS ? "∂L/∂w" : labels == Labels.UPDATE ? "Δw" : "weight";
    }

    /** Edges in the top tenth by |change| (at least one) stand out after an update. */
    private static double mostChangedThreshold(StepTrace trace) {
        List<Double> changes = new ArrayList<>();
        for (int l = 0; l < trace.before().depth(); l++) {
            Layer b = trace.before().layer(l);
            Layer a = trace.after().layer(l);
            for (int j = 0; j < b.outputs(); j++) {
                for (int i = 0; i < b.inputs(); i++) changes.add(Math.abs(a.weight(j, i) - b.weight(j, i)));
            }
        }
        double[] sorted = changes.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int keep = Math.max(1, sorted.length / 10);
        return sorted[sorted.length - keep];
    }
}

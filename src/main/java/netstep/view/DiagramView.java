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
 */
final class DiagramView {
    static final int MAX_SHOWN_NEURONS = 16;
    private static final double WIDTH = 640;
    private static final double TOP = 34;
    private static final double BOTTOM = 40;
    private static final double SIDE = 48;

    private DiagramView() {
    }

    /** What the diagram labels the neurons with in each phase. */
    private enum Labels { NONE, INPUTS, FORWARD, GRADIENTS, UPDATE }

    /** Renders the edges of a network a step will lead to, so that the phases after the next pick find them cached. */
    static void prerenderEdges(Network network) {
        Geometry layout = new Geometry(network);
        EDGES.get(network, () -> edges(network, null, Double.NaN, layout.ys, layout.radius, layout.columnGap).render());
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
            columnGap = (WIDTH - 2 * SIDE) / (sizes.size() - 1);
            ys = new double[sizes.size()][];
            for (int c = 0; c < sizes.size(); c++) {
                int shown = Math.min(sizes.get(c), MAX_SHOWN_NEURONS);
                double top = TOP + (height - TOP - BOTTOM - rowGap * (shown - 1)) / 2;
                ys[c] = new double[shown];
                for (int j = 0; j < shown; j++) ys[c][j] = top + j * rowGap;
            }
        }
    }

    static DivTag diagram(Experiment e) {
        Phase phase = e.phase();
        StepTrace trace = e.trace().orElse(null);
        Labels labels = trace == null || phase == Phase.READY ? Labels.NONE
                : phase == Phase.PICK ? Labels.INPUTS
                : phase == Phase.FORWARD || phase == Phase.LOSS ? Labels.FORWARD
                : phase == Phase.BACKWARD ? Labels.GRADIENTS
                : Labels.UPDATE;
        Network network = e.network();
        List<Integer> sizes = network.sizes();
        Geometry layout = new Geometry(network);
        double height = layout.height;
        double radius = layout.radius;
        double columnGap = layout.columnGap;
        double[][] ys = layout.ys;

        Svg svg = Svg.root("diagram-svg", WIDTH, height, "The network " + String.join("-",
                        sizes.stream().map(String::valueOf).toList()) + caption(labels),
                describe(network, labels)).withClass("diagram phase-" + phase.id);

        // the edges change only with the weights, except after an update, which marks the most changed: before it,
        // every phase of a step draws the same edges, so they are rendered once per network
        DomContent edges;
        if (phase == Phase.UPDATE && trace != null) {
            edges = edges(network, trace, mostChangedThreshold(trace), ys, radius, columnGap);
        } else {
            edges = rawHtml(EDGES.get(network, () -> edges(network, null, Double.NaN, ys, radius, columnGap).render()));
        }

        svg.with(edges, NeuronPictures.pictures(e, SIDE, columnGap, ys, radius), neurons(network, trace, labels, layout),
                flow(labels, height));
        return div(svg, legend(labels)).withId("diagram").withClass("panel diagram-panel");
    }

    /** The neurons, a column per layer, each labelled with the phase's numbers. */
    private static Svg neurons(Network network, StepTrace trace, Labels labels, Geometry layout) {
        List<Integer> sizes = network.sizes();
        double[][] ys = layout.ys;
        Svg nodes = Svg.el("g").withClass("neurons");
        for (int c = 0; c < sizes.size(); c++) {
            double x = SIDE + c * layout.columnGap;
            nodes.with(Svg.text(x, 18, columnName(network, c)).withClass("column-label"));
            for (int j = 0; j < ys[c].length; j++) {
                nodes.with(neuron(network, trace, labels, c, j, x, ys[c][j], layout.radius));
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

    /** The edges; with a trace and threshold, each tip says how much its weight changed and the most changed stand out. */
    private static Svg edges(Network network, StepTrace trace, double changeThreshold, double[][] ys, double radius,
                             double columnGap) {
        Svg edges = Svg.el("g").withClass("edges");
        double maxWeight = 1e-12;
        for (Layer layer : network.layers()) {
            for (int j = 0; j < layer.outputs(); j++) {
                for (int i = 0; i < layer.inputs(); i++) maxWeight = Math.max(maxWeight, Math.abs(layer.weight(j, i)));
            }
        }
        String[][] yText = new String[ys.length][];
        for (int c = 0; c < ys.length; c++) {
            yText[c] = new String[ys[c].length];
            for (int j = 0; j < ys[c].length; j++) yText[c][j] = Svg.n(ys[c][j]);
        }
        for (int l = 0; l < network.depth(); l++) {
            Layer layer = network.layer(l);
            double x1 = SIDE + l * columnGap;
            double x2 = x1 + columnGap;
            String from = Svg.n(x1 + radius);
            String to = Svg.n(x2 - radius);
            String w = MathView.sym("W", l + 1);
            String href = "#w" + (l + 1) + "-";
            for (int j = 0; j < ys[l + 1].length; j++) {
                for (int i = 0; i < ys[l].length; i++) {
                    double weight = layer.weight(j, i);
                    String tip = w + "[" + (j + 1) + "," + (i + 1) + "] = " + Num.exact(weight);
                    String classes = weight >= 0 ? "edge positive" : "edge negative";
                    boolean standsOut = false;
                    if (!Double.isNaN(changeThreshold)) {
                        double change = weight - trace.before().layer(l).weight(j, i);
                        tip += " (changed by " + Num.f(change) + ")";
                        standsOut = change != 0 && Math.abs(change) >= changeThreshold;
                        if (standsOut) classes += " changed-most";
                    }
                    Svg group = Svg.el("a").attr("href", href + (j + 1) + "-" + (i + 1)).with(Svg.title(tip));
                    if (standsOut) group.with(Svg.line(from, yText[l][i], to, yText[l + 1][j]).withClass("edge-halo"));
                    Svg line = Svg.line(from, yText[l][i], to, yText[l + 1][j])
                            .attr("stroke", Palette.signColour(weight))
                            .attr("stroke-width", Svg.n(0.6 + 4.4 * Math.abs(weight) / maxWeight))
                            .withClass(classes);
                    if (weight < 0) line.attr("stroke-dasharray", "5 3");
                    edges.with(group.with(line));
                }
            }
        }
        return edges;
    }

    private static Svg neuron(Network network, StepTrace trace, Labels labels, int column, int j, double x,
                              double y, double radius) {
        String inside = "";
        String below = "";
        StringBuilder tip = new StringBuilder();
        if (column == 0) {
            tip.append("input x[").append(j + 1).append("]");
            if (labels != Labels.NONE) {
                inside = Num.compact(trace.x().get(j));
                tip.append(" = ").append(Num.exact(trace.x().get(j)));
            }
        } else {
            int l = column - 1;
            tip.append("layer ").append(column).append(", neuron ").append(j + 1).append(": bias ")
                    .append(MathView.sym("b", column)).append("[").append(j + 1).append("] = ")
                    .append(Num.exact(network.layer(l).bias(j)));
            if (labels == Labels.FORWARD || labels == Labels.GRADIENTS || labels == Labels.UPDATE) {
                StepTrace.LayerForward f = trace.forward().get(l);
                tip.append("; a = ").append(Num.exact(f.a().get(j))).append(", f(a) = ").append(Num.exact(f.f().get(j)));
            }
            if (labels == Labels.FORWARD) {
                inside = Num.compact(trace.forward().get(l).f().get(j));
                below = "a " + Num.compact(trace.forward().get(l).a().get(j));
            } else if (labels == Labels.GRADIENTS || labels == Labels.UPDATE) {
                double g = trace.backward().get(l).dL_da().get(j);
                inside = Num.compact(g);
                tip.append("; ∂L/∂a = ").append(Num.exact(g));
            }
        }
        Svg link = Svg.el("a").attr("href", column == 0 ? "#pick-x-" + (j + 1) : "#b" + column + "-" + (j + 1))
                .withClass(column == 0 ? "neuron input" : "neuron");
        link.with(Svg.title(tip.toString()), Svg.circle(x, y, radius));
        if (!inside.isEmpty()) link.with(Svg.text(x, y + 4, inside).withClass("neuron-value"));
        if (!below.isEmpty()) link.with(Svg.text(x, y + radius + 11, below).withClass("neuron-a"));
        return link;
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
            case INPUTS -> "Sample picked: the inputs x enter on the left";
            case FORWARD -> "Forward pass →  values f(a) flow left to right (a below each neuron)";
            case GRADIENTS -> "←  Backpropagation: gradients ∂L/∂a flow right to left";
            case UPDATE -> "Update θ ← θ − η∇θ: the weights that changed most are highlighted";
        };
        return Svg.text(WIDTH / 2, height - 10, text).withClass("flow flow-" + labels.name().toLowerCase());
    }

    private static String caption(Labels labels) {
        return switch (labels) {
            case NONE -> "";
            case INPUTS -> ", with the picked sample's inputs";
            case FORWARD -> ", forward pass: each neuron shows f(a)";
            case GRADIENTS -> ", backpropagation: each neuron shows ∂L/∂a";
            case UPDATE -> ", after the update: edges show the new weights, the most changed highlighted";
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
                span(span().withClass("swatch positive")).withClass("legend-item").with(text(" positive weight")),
                span(span().withClass("swatch negative")).withClass("legend-item").with(text(" negative weight")),
                span(text("Hover or focus a neuron or edge for its exact value; click to jump to it in the tables."))
                        .withClass("hint")
        ).withClass("legend");
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

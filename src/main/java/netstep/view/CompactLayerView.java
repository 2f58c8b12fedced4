package netstep.view;

import netstep.view.render.*;

import j2html.tags.specialized.DivTag;
import netstep.engine.Layer;
import netstep.engine.Network;
import netstep.engine.ParameterCount;
import netstep.engine.StepTrace;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;

/**
 * The diagram of a network too wide for a circle per neuron (issue 13): an image input as one picture, a layer of
 * more than {@link #MAX_CIRCLES} neurons as a grid of small squares (16 to a column), the weights between two
 * layers as one band labelled with their count, and the outputs named by class. A 64-32-10 network fits a
 * 1366×768 screen. Every square links to its neuron's row in the tables, as the circles do.
 */
final class CompactLayerView {
    /** Up to this many neurons a layer is drawn as circles, as in {@link DiagramView}. */
    static final int MAX_CIRCLES = 16;
    private static final double WIDTH = 640;
    private static final double TOP = 30;
    private static final double BOTTOM = 34;
    private static final double SIDE = 60;
    private static final double SQUARE = 13;
    private static final double SQUARE_GAP = 3;
    private static final int SQUARES_PER_COLUMN = 16;
    private static final double IMAGE = 96;
    private static final double ROW = 30;
    private static final double RADIUS = 11;

    private CompactLayerView() {
    }

    /** True when the diagram is drawn this way: an image input, or a layer wider than the circles allow. */
    static boolean applies(Experiment e) {
        return ImageView.side(e) > 0 || e.network().sizes().stream().anyMatch(n -> n > MAX_CIRCLES);
    }

    private enum Labels { NONE, INPUTS, FORWARD, GRADIENTS }

    /** How tall each column is drawn: the image, a grid of squares, or a column of circles. */
    private static double columnHeight(int size, boolean image) {
        if (image) return IMAGE;
        if (size > MAX_CIRCLES) return Math.min(size, SQUARES_PER_COLUMN) * (SQUARE + SQUARE_GAP) - SQUARE_GAP;
        return (size - 1) * ROW + 2 * RADIUS;
    }

    static DivTag diagram(Experiment e) {
        Phase phase = e.phase();
        StepTrace trace = e.trace().orElse(null);
        Labels labels = labels(phase, trace);
        Network network = e.network();
        List<Integer> sizes = network.sizes();
        int side = ImageView.side(e);
        List<String> names = ImageView.classNames(e);
        Digits d = DigitsView.of(e);
        double tallest = 0;
        for (int c = 0; c < sizes.size(); c++) tallest = Math.max(tallest, columnHeight(sizes.get(c), c == 0 && side > 0));
        double height = TOP + tallest + BOTTOM + 14;
        double middle = TOP + 8 + tallest / 2;
        // room right of the outputs for their names and values (11 px monospace, 7 px a character), the values as
        // long as the student's format makes them: sign, "0.00" or an exponent, and the digits
        int longestName = names.stream().mapToInt(String::length).max().orElse(0);
        double rightRoom = RADIUS + 6 + (longestName == 0 ? 0 : 8 + 7 * longestName) + 7 * (d.significant() + 6);
        double gap = (WIDTH - SIDE - Math.max(SIDE, rightRoom)) / (sizes.size() - 1);

        Svg svg = Svg.root("diagram-svg", WIDTH, height, "The network " + String.join("-",
                        sizes.stream().map(String::valueOf).toList()) + " (compact drawing)",
                describe(network, side)).withClass("diagram compact phase-" + phase.id);
        // each column's vertical extent, for the bands of weights between them
        double[][] extent = new double[sizes.size()][];
        Svg columns = Svg.el("g").withClass("neurons");
        for (int c = 0; c < sizes.size(); c++) {
            double x = SIDE + c * gap;
            columns.with(Svg.text(x, 16, columnName(network, c, side)).withClass("column-label"));
            if (c == 0 && side > 0) {
                extent[c] = new double[] {middle - IMAGE / 2, middle + IMAGE / 2};
                columns.with(image(e, trace, labels, side, x, middle));
            } else if (sizes.get(c) > MAX_CIRCLES) {
                extent[c] = squares(columns, network, trace, labels, c, x, middle);
            } else {
                extent[c] = circles(columns, d, network, trace, labels, c, x, middle, c == sizes.size() - 1 ? names : List.of());
            }
        }
        Svg bands = Svg.el("g").withClass("bands");
        for (int l = 0; l < network.depth(); l++) {
            double x1 = SIDE + l * gap + halfWidth(sizes.get(l), l == 0 && side > 0);
            double x2 = SIDE + (l + 1) * gap - halfWidth(sizes.get(l + 1), false);
            bands.with(band(network.layer(l), l, x1, extent[l], x2, extent[l + 1]));
        }
        svg.with(bands, columns, Svg.text(WIDTH / 2, height - 8, flow(labels)).withClass("flow"));
        return div(DiagramView.caption(e, true), svg, legend()).withId("diagram").withClass("panel diagram-panel");
    }

    /** What the squares and circles show in this phase. */
    private static Labels labels(Phase phase, StepTrace trace) {
        if (trace == null || phase == Phase.READY) return Labels.NONE;
        if (phase == Phase.PICK) return Labels.INPUTS;
        return phase == Phase.FORWARD || phase == Phase.LOSS ? Labels.FORWARD : Labels.GRADIENTS;
    }

    private static DivTag legend() {
        return div(
                span(span().withClass("swatch positive")).withClass("legend-item").with(text(" positive")),
                span(span().withClass("swatch negative")).withClass("legend-item").with(text(" negative")),
                span(text("Squares are neurons (16 to a column), coloured by the phase's value; each band is a layer's "
                        + "weights, counted. Hover for a value, click for its table.")).withClass("hint")
        ).withClass("legend");
    }

    private static double halfWidth(int size, boolean image) {
        if (image) return IMAGE / 2;
        if (size > MAX_CIRCLES) {
            int cols = (size + SQUARES_PER_COLUMN - 1) / SQUARES_PER_COLUMN;
            return (cols * (SQUARE + SQUARE_GAP) - SQUARE_GAP) / 2;
        }
        return RADIUS;
    }

    /** The input image as one glyph: the picked sample's pixels, or an empty grid before a pick. */
    private static Svg image(Experiment e, StepTrace trace, Labels labels, int side, double x, double middle) {
        double pixel = IMAGE / side;
        double left = x - IMAGE / 2;
        double top = middle - IMAGE / 2;
        Svg link = Svg.el("a").attr("href", labels == Labels.NONE ? "#diagram" : "#pick-image")
                .withClass("input-glyph").with(Svg.title(side + "×" + side + " image: the " + side * side
                        + " inputs x[1]…x[" + side * side + "], row by row"));
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double v = labels == Labels.NONE ? 0 : trace.x().get(r * side + c);
                int grey = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, v))));
                link.with(Svg.rect(left + c * pixel, top + r * pixel, pixel, pixel)
                        .attr("fill", String.format(java.util.Locale.ROOT, "#%02x%02x%02x", grey, grey, grey)));
            }
        }
        link.with(Svg.rect(left, top, IMAGE, IMAGE).attr("fill", "none").attr("stroke", "#888"));
        Layer first = e.network().layer(0);
        if (first.masked()) {
            // neuron 1's receptive field: the pixels it has weights from
            int r0 = side;
            int c0 = side;
            int r1 = -1;
            int c1 = -1;
            for (int i = 0; i < first.inputs(); i++) {
                if (!first.connected(0, i)) continue;
                r0 = Math.min(r0, i / side);
                r1 = Math.max(r1, i / side);
                c0 = Math.min(c0, i % side);
                c1 = Math.max(c1, i % side);
            }
            link.with(Svg.rect(left + c0 * pixel, top + r0 * pixel, (c1 - c0 + 1) * pixel, (r1 - r0 + 1) * pixel)
                    .withClass("receptive-field").with(Svg.title("neuron 1 of layer 1 sees only these "
                            + (r1 - r0 + 1) + "×" + (c1 - c0 + 1) + " pixels")));
        }
        return link;
    }

    /** A wide layer as a grid of squares, column by column, 16 to a column. Returns its vertical extent. */
    private static double[] squares(Svg out, Network network, StepTrace trace, Labels labels, int column, double x,
                                    double middle) {
        int size = network.sizes().get(column);
        int cols = (size + SQUARES_PER_COLUMN - 1) / SQUARES_PER_COLUMN;
        double h = columnHeight(size, false);
        double top = middle - h / 2;
        double left = x - (cols * (SQUARE + SQUARE_GAP) - SQUARE_GAP) / 2;
        double[] values = values(trace, labels, column);
        double largest = 1e-12;
        if (values != null) for (double v : values) largest = Math.max(largest, Math.abs(v));
        for (int j = 0; j < size; j++) {
            double sx = left + (j / SQUARES_PER_COLUMN) * (SQUARE + SQUARE_GAP);
            double sy = top + (j % SQUARES_PER_COLUMN) * (SQUARE + SQUARE_GAP);
            Svg square = Svg.rect(sx, sy, SQUARE, SQUARE)
                    .attr("fill", values == null ? "#ffffff" : Palette.hex(values[j] / largest));
            out.with(Svg.el("a").attr("href", "#b" + column + "-" + (j + 1)).withClass("neuron square")
                    .with(Svg.title(tip(network, trace, labels, column, j)), square));
        }
        return new double[] {top, top + h};
    }

    /** A narrow layer (the outputs, usually) as circles, with the class names beside the outputs. */
    private static double[] circles(Svg out, Digits d, Network network, StepTrace trace, Labels labels, int column,
                                    double x, double middle, List<String> names) {
        int size = network.sizes().get(column);
        double h = columnHeight(size, false);
        double top = middle - h / 2 + RADIUS;
        double[] values = values(trace, labels, column);
        double largest = 1e-12;
        if (values != null) for (double v : values) largest = Math.max(largest, Math.abs(v));
        boolean last = column == network.depth();
        for (int j = 0; j < size; j++) {
            double y = top + j * ROW;
            Svg link = Svg.el("a").attr("href", column == 0 ? "#pick-x-" + (j + 1) : "#b" + column + "-" + (j + 1))
                    .withClass(column == 0 ? "neuron input" : "neuron");
            Svg circle = Svg.circle(x, y, RADIUS);
            // coloured by value like the squares; the number itself is written beside, where it has room
            if (values != null) circle.attr("style", "fill:" + Palette.hex(values[j] / largest));
            link.with(Svg.title(tip(network, trace, labels, column, j)), circle);
            out.with(link);
            double textX = last ? x + RADIUS + 6 : x - RADIUS - 4;
            String name = last && !names.isEmpty() ? ImageView.className(names, j) : "";
            String value = values == null ? "" : d.f(values[j]);
            if (!name.isEmpty()) out.with(Svg.text(textX, y + 4, name).withClass("class-name"));
            if (!value.isEmpty()) {
                Svg t = Svg.text(last ? textX + (name.isEmpty() ? 0 : 8 + 7 * name.length()) : textX, y + 4, value)
                        .withClass(last ? "neuron-number" : "neuron-number before");
                out.with(t);
            }
        }
        return new double[] {top - RADIUS, top + (size - 1) * ROW + RADIUS};
    }

    /** The phase's value of each neuron of a column: x, f(a), or ∂L/∂a; null when nothing is picked. */
    private static double[] values(StepTrace trace, Labels labels, int column) {
        return switch (labels) {
            case NONE -> null;
            case INPUTS -> column == 0 ? trace.x().toArray() : null;
            case FORWARD -> column == 0 ? trace.x().toArray() : trace.forward().get(column - 1).f().toArray();
            case GRADIENTS -> column == 0 ? null : trace.backward().get(column - 1).dL_da().toArray();
        };
    }

    private static String tip(Network network, StepTrace trace, Labels labels, int column, int j) {
        if (column == 0) {
            return "input x[" + (j + 1) + "]" + (labels == Labels.NONE ? "" : " = " + Num.exact(trace.x().get(j)));
        }
        StringBuilder tip = new StringBuilder("layer " + column + ", neuron " + (j + 1) + ": bias "
                + MathView.sym("b", column) + "[" + (j + 1) + "] = " + Num.exact(network.layer(column - 1).bias(j)));
        Layer layer = network.layer(column - 1);
        int side = (int) Math.round(Math.sqrt(layer.inputs()));
        if (column == 1 && layer.masked() && side * side == layer.inputs()) tip.append("; ").append(field(layer, j, side));
        if (labels == Labels.FORWARD || labels == Labels.GRADIENTS) {
            StepTrace.LayerForward f = trace.forward().get(column - 1);
            tip.append("; a = ").append(Num.exact(f.a().get(j))).append(", f(a) = ").append(Num.exact(f.f().get(j)));
        }
        if (labels == Labels.GRADIENTS) {
            tip.append("; ∂L/∂a = ").append(Num.exact(trace.backward().get(column - 1).dL_da().get(j)));
        }
        return tip.toString();
    }

    /** Where a locally connected neuron looks: its receptive field, e.g. "sees rows 1–3, columns 4–6". */
    private static String field(Layer layer, int j, int side) {
        int r0 = side;
        int c0 = side;
        int r1 = -1;
        int c1 = -1;
        for (int i = 0; i < layer.inputs(); i++) {
            if (!layer.connected(j, i)) continue;
            r0 = Math.min(r0, i / side);
            r1 = Math.max(r1, i / side);
            c0 = Math.min(c0, i % side);
            c1 = Math.max(c1, i % side);
        }
        return r1 < 0 ? "sees no pixel" : "sees pixel rows " + (r0 + 1) + "–" + (r1 + 1) + ", columns " + (c0 + 1) + "–" + (c1 + 1);
    }

    /** A layer's weights as one band from the column before to its own, labelled with their count. */
    private static Svg band(Layer layer, int l, double x1, double[] from, double x2, double[] to) {
        String points = Svg.n(x1) + "," + Svg.n(from[0]) + " " + Svg.n(x2) + "," + Svg.n(to[0]) + " " + Svg.n(x2) + ","
                + Svg.n(to[1]) + " " + Svg.n(x1) + "," + Svg.n(from[1]);
        String count = layer.masked() ? ParameterCount.grouped(layer.unmaskedWeightCount()) + " weights, local"
                : ParameterCount.grouped(layer.weightCount()) + " weights";
        double mx = (x1 + x2) / 2;
        double my = (from[0] + from[1] + to[0] + to[1]) / 4;
        return Svg.el("a").attr("href", "#w" + (l + 1) + "-1-1").withClass("band").with(
                Svg.title(MathView.sym("W", l + 1) + " is " + layer.outputs() + "×" + layer.inputs() + ": "
                        + layer.connectivity()),
                Svg.el("polygon").attr("points", points).withClass(layer.masked() ? "band-area local" : "band-area"),
                Svg.text(mx, my - 4, MathView.sym("W", l + 1) + " " + layer.outputs() + "×" + layer.inputs())
                        .withClass("band-label"),
                Svg.text(mx, my + 10, count).withClass("band-label small"));
    }

    private static String columnName(Network network, int column, int side) {
        if (column == 0) return side > 0 ? "x: " + side + "×" + side + " image" : "x";
        if (column == network.depth()) return "ŷ (" + network.layer(column - 1).activation().label() + ")";
        return "layer " + column + ": " + network.layer(column - 1).outputs() + " ("
                + network.layer(column - 1).activation().label() + ")";
    }

    private static String flow(Labels labels) {
        return switch (labels) {
            case NONE -> "Bands are weights W: step to see the values flow";
            case INPUTS -> "Sample picked: the image enters on the left";
            case FORWARD -> "Forward pass →  each neuron coloured by f(a)";
            case GRADIENTS -> "←  Backpropagation: each neuron coloured by ∂L/∂a";
        };
    }

    private static String describe(Network network, int side) {
        List<String> parts = new ArrayList<>();
        for (int l = 0; l < network.depth(); l++) {
            Layer layer = network.layer(l);
            parts.add("layer " + (l + 1) + ": " + layer.outputs() + " neurons (" + layer.activation().label() + "), "
                    + layer.connectivity());
        }
        return (side > 0 ? "a " + side + "×" + side + " image (" + network.inputs() + " inputs)"
                : network.inputs() + " inputs") + "; " + String.join("; ", parts) + ". The weight tables below list every value.";
    }
}

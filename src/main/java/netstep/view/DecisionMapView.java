package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import netstep.data.Dataset;
import netstep.data.InputFeature;
import netstep.engine.Activation;
import netstep.engine.Network;
import netstep.engine.Surface;
import netstep.experiment.Pictures;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;

/** The decision map of a 2-input network: its output over the input plane, the samples, each hidden neuron's map. */
final class DecisionMapView {
    private static final double SIZE = 300;
    private static final double PAD = 48;

    private DecisionMapView() {
    }

    static DomContent map(Pictures.Map2D m, Network network) {
        Surface s = m.surface();
        Dataset d = m.dataset();
        double[] range = outputRange(network.layer(network.depth() - 1).activation(), d);
        Axis x = Axis.linear(s.x1Min(), s.x1Max(), PAD, PAD + SIZE);
        Axis y = Axis.linear(s.x2Min(), s.x2Max(), PAD + SIZE, PAD);
        Svg svg = Svg.root("computes-svg", SIZE + PAD + 12, SIZE + PAD + 42,
                "The output ŷ" + (d.outputs() > 1 ? "[1]" : "") + " over the input plane (decision boundary)",
                "Heat map of the network's output for x[1] from " + Num.f(s.x1Min()) + " to " + Num.f(s.x1Max())
                        + " and x[2] from " + Num.f(s.x2Min()) + " to " + Num.f(s.x2Max()) + ": orange is "
                        + Num.f(range[0]) + " or less, white " + Num.f((range[0] + range[1]) / 2) + ", purple "
                        + Num.f(range[1]) + " or more. Training samples are drawn on top, coloured by their label.")
                .withClass("chart map");
        svg.with(Svg.el("image").attr("href", HeatmapPng.smoothDataUri(s.output()[0], range[0], range[1]))
                .attr("x", Svg.n(PAD)).attr("y", Svg.n(PAD)).attr("width", Svg.n(SIZE)).attr("height", Svg.n(SIZE))
                .attr("preserveAspectRatio", "none").withClass("heatmap"));
        svg.with(frame(s, x, y));
        double mid = (range[0] + range[1]) / 2;
        // the samples never change within a step's answers: last in the picture, so an answer can leave them out
        svg.with(rawHtml(Svg.preservable("samples", Svg.el("g").withClass("map-samples")
                .with(samples(d, x, y, range)).render(), false)));
        return each(h3("What the network computes: the decision boundary"), svg, featuresNote(m),
                p("Colour is the output ŷ" + (d.outputs() > 1 ? "[1]" : "") + " at each point of the plane (orange low, "
                        + "white " + Num.f(mid) + ", purple high); squares are samples labelled ≥ " + Num.f(mid)
                        + ", circles below.").withClass("chart-text"),
                // each hidden neuron's own map is drawn inside it in the diagram (NeuronPictures), not again here
                s.hidden().isEmpty() ? null : p("What each hidden neuron responds to is drawn inside it in the network "
                        + "diagram: its output f(a) over this plane, on the same colours.").withClass("chart-text"));
    }

    /** With input features, that the map is over the points themselves and each point is fed as its features. */
    private static DomContent featuresNote(Pictures.Map2D m) {
        if (m.features().isEmpty()) return null;
        return p("The network is fed " + InputFeature.labels(m.features()) + " of each point, not the point itself. "
                + "The map colours each point (x₁, x₂) of the plane by the output for its features, so a straight "
                + "boundary in the features may be a curve here: on x₁² and x₂² a single layer draws a circle.")
                .withClass("chart-text").withId("map-features");
    }

    /** The map's frame: its border, ticks and axis labels. */
    private static Svg frame(Surface s, Axis x, Axis y) {
        Svg frame = Svg.el("g").withClass("axes");
        frame.with(Svg.rect(PAD, PAD, SIZE, SIZE).withClass("frame"));
        for (double t : x.ticks()) {
            if (t < s.x1Min() || t > s.x1Max()) continue;
            frame.with(Svg.text(x.pixel(t), PAD + SIZE + 16, x.label(t)).withClass("tick-x"));
        }
        for (double t : y.ticks()) {
            if (t < s.x2Min() || t > s.x2Max()) continue;
            frame.with(Svg.text(PAD - 6, y.pixel(t) + 4, y.label(t)).withClass("tick-y"));
        }
        frame.with(Svg.text(PAD + SIZE / 2, PAD + SIZE + 32, "x[1]").withClass("axis-label"),
                Svg.text(14, PAD + SIZE / 2, "x[2]").withClass("axis-label")
                        .attr("transform", "rotate(-90 14 " + Svg.n(PAD + SIZE / 2) + ")"));
        return frame;
    }

    /** The training samples on the map: squares for labels at or above the middle of the range, circles below. */
    private static Svg[] samples(Dataset d, Axis x, Axis y, double[] range) {
        double mid = (range[0] + range[1]) / 2;
        Svg high = Svg.el("g").withClass("samples high");
        Svg low = Svg.el("g").withClass("samples low");
        for (int i = 0; i < d.size(); i++) {
            double[] xi = d.xs().get(i);
            double label = d.ys().get(i)[0];
            double t = (label - mid) / ((range[1] - range[0]) / 2);
            Svg tip = Svg.title("#" + (i + 1) + " (" + Num.f(xi[0]) + ", " + Num.f(xi[1]) + ") y=" + Num.f(label));
            if (label >= mid) {
                high.with(Svg.rect(x.pixel(xi[0]) - 5, y.pixel(xi[1]) - 5, 10, 10).attr("fill", Palette.hex(t)).with(tip));
            } else {
                low.with(Svg.circle(x.pixel(xi[0]), y.pixel(xi[1]), 5.5).attr("fill", Palette.hex(t)).with(tip));
            }
        }
        return new Svg[] {low, high};
    }

    /** The output's colour range: the activation's own range where it has one, else the targets'. */
    static double[] outputRange(Activation act, Dataset d) {
        double[] own = boundedRange(act);
        if (own != null) return own;
        ChartView.Extent targets = new ChartView.Extent();
        for (double[] y : d.ys()) targets.add(y[0]);
        return targets.hi > targets.lo ? new double[] {targets.lo, targets.hi}
                : new double[] {targets.lo - 1, targets.hi + 1};
    }

    /** The range of a bounded activation (sigmoid and step: 0 to 1, tanh: −1 to 1); null for unbounded ones. */
    private static double[] boundedRange(Activation act) {
        switch (act.kind()) {
            case SIGMOID:
            case STEP:
                return new double[] {0, 1};
            case TANH:
                return new double[] {-1, 1};
            default:
                return null;
        }
    }

    /** A hidden neuron's colour range: its activation's own, or symmetric about 0 to its largest |f|. */
    static double[] hiddenRange(Activation act, double[][] grid) {
        double[] own = boundedRange(act);
        if (own != null) return own;
        double m = 1e-9;
        for (double[] row : grid) for (double v : row) if (Double.isFinite(v)) m = Math.max(m, Math.abs(v));
        return new double[] {-m, m};
    }
}

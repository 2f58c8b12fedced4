package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.FormTag;
import netstep.data.Dataset;
import netstep.engine.Activation;
import netstep.engine.Network;
import netstep.engine.Surface;
import netstep.experiment.Experiment;
import netstep.experiment.Pictures;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;

/** The loss curve and "what the network computes", drawn as SVG on the server. */
final class ChartView {
    private static final double W = 420;
    private static final double H = 260;
    private static final double LEFT = 56;
    private static final double RIGHT = 14;
    private static final double TOP = 16;
    private static final double BOTTOM = 44;
    private static final int MAX_POINTS = 400;
    private static final String[] SERIES = {Palette.POSITIVE, Palette.NEGATIVE, "#1b7837", "#333333"};

    private ChartView() {
    }

    // ---------------------------------------------------------------- loss curve

    static DivTag lossChart(Experiment e) {
        List<Double> history = e.lossHistory();
        List<Integer> steps = e.lossSteps();
        List<Double> test = e.testLossHistory();
        List<Integer> testSteps = e.testLossSteps();
        boolean log = e.logLossScale();
        int last = history.size() - 1;
        int lastStep = steps.get(last);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double smallestPositive = Double.POSITIVE_INFINITY;
        for (double v : concat(history, test)) {
            if (!Double.isFinite(v)) continue;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
            if (v > 0) smallestPositive = Math.min(smallestPositive, v);
        }
        boolean canLog = log && smallestPositive < Double.POSITIVE_INFINITY;
        Axis x = Axis.counting(lastStep, LEFT, W - RIGHT);
        Axis y = canLog ? Axis.logarithmic(smallestPositive, Math.max(hi, smallestPositive * 10), H - BOTTOM, TOP)
                : Axis.linear(Math.min(0, lo), hi, H - BOTTOM, TOP);
        String description = "Mean training loss " + Num.f(history.get(0)) + " at step 0"
                + (lastStep > 0 ? ", " + Num.f(history.get(last)) + " after step " + lastStep : "")
                + (test.isEmpty() ? "" : "; test loss " + Num.f(test.get(test.size() - 1)) + " after step "
                        + testSteps.get(testSteps.size() - 1))
                + (e.diverged() ? "; training diverged at step " + (lastStep + 1) : "") + ".";
        Svg svg = Svg.root("loss-svg", W, H, "Mean training loss after every step"
                + (canLog ? " (log scale)" : ""), description).withClass("chart");
        svg.with(axes(x, y, "step", "mean loss L̄"));

        svg.with(Svg.el("polyline").attr("points", polyline(x, y, steps, history, canLog)).withClass("series train")
                .attr("stroke", Palette.POSITIVE));
        if (!test.isEmpty()) {
            svg.with(Svg.el("polyline").attr("points", polyline(x, y, testSteps, test, canLog)).withClass("series test")
                    .attr("stroke", Palette.NEGATIVE).attr("stroke-dasharray", "6 4"));
        }
        if (Double.isFinite(history.get(last)) && (!canLog || history.get(last) > 0)) {
            svg.with(Svg.circle(x.pixel(lastStep), y.pixel(history.get(last)), 4).attr("fill", Palette.POSITIVE)
                    .with(Svg.title("step " + lastStep + ": " + Num.exact(history.get(last)))));
        }
        if (e.diverged()) {
            double px = x.pixel(lastStep);
            svg.with(Svg.line(px, TOP, px, H - BOTTOM).withClass("diverged-line"),
                    Svg.text(Math.max(LEFT + 60, px - 4), TOP + 14, "diverged (NaN/∞) at step " + (lastStep + 1))
                            .withClass("diverged-label"));
        }
        return div(
                h3("Loss curve"),
                svg,
                test.isEmpty() ? null : div(
                        span(span().withClass("swatch positive"), text(" training"))
                                .withClass("legend-item"),
                        span(span().withClass("swatch negative"), text(" test (held out)")).withClass("legend-item"))
                        .withClass("legend"),
                p(description).withClass("chart-text"),
                scaleToggle(log),
                log && !canLog ? p("Nothing to draw on a log scale: every loss is 0.").withClass("hint") : null
        ).withId("loss-chart").withClass("panel chart-panel");
    }

    private static List<Double> concat(List<Double> a, List<Double> b) {
        List<Double> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** At most MAX_POINTS points, evenly thinned, the last always kept. */
    private static String polyline(Axis x, Axis y, List<Integer> steps, List<Double> values, boolean log) {
        StringBuilder points = new StringBuilder();
        int last = values.size() - 1;
        int stride = Math.max(1, (values.size() + MAX_POINTS - 1) / MAX_POINTS);
        for (int i = 0; i <= last; i += stride) appendPoint(points, x, y, steps.get(i), values.get(i), log);
        if (last % stride != 0) appendPoint(points, x, y, steps.get(last), values.get(last), log);
        return points.toString().trim();
    }

    private static void appendPoint(StringBuilder points, Axis x, Axis y, int step, double v, boolean log) {
        if (!Double.isFinite(v) || (log && v <= 0)) return;
        points.append(Svg.n(x.pixel(step))).append(',').append(Svg.n(y.pixel(v))).append(' ');
    }

    private static FormTag scaleToggle(boolean log) {
        return form(
                input().withType("hidden").withName("scale").withValue(log ? "linear" : "log"),
                button(log ? "Linear scale" : "Log scale").withType("submit").withClass("small")
        ).withMethod("post").withAction("/view/loss-scale")
                .attr("hx-post", "/view/loss-scale").attr("hx-target", "#loss-chart").attr("hx-swap", "outerHTML");
    }

    private static Svg axes(Axis x, Axis y, String xLabel, String yLabel) {
        Svg g = Svg.el("g").withClass("axes");
        g.with(Svg.line(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM), Svg.line(LEFT, TOP, LEFT, H - BOTTOM));
        for (double t : x.ticks()) {
            double px = x.pixel(t);
            g.with(Svg.line(px, H - BOTTOM, px, H - BOTTOM + 5), Svg.text(px, H - BOTTOM + 18, x.label(t)).withClass("tick-x"));
        }
        for (double t : y.ticks()) {
            double py = y.pixel(t);
            g.with(Svg.line(LEFT - 5, py, LEFT, py), Svg.line(LEFT, py, W - RIGHT, py).withClass("grid"),
                    Svg.text(LEFT - 8, py + 4, y.label(t)).withClass("tick-y"));
        }
        g.with(Svg.text((LEFT + W - RIGHT) / 2, H - 6, xLabel).withClass("axis-label"),
                Svg.text(14, (TOP + H - BOTTOM) / 2, yLabel).withClass("axis-label y-label")
                        .attr("transform", "rotate(-90 14 " + Svg.n((TOP + H - BOTTOM) / 2) + ")"));
        return g;
    }

    // ---------------------------------------------------------------- what the network computes

    static DivTag computes(Experiment e) {
        return computes(e.network(), e.dataset());
    }

    /** The panel depends on nothing but the network and the dataset, so it is rendered once for each pair. */
    static DivTag computes(Network network, Dataset dataset) {
        return div(rawHtml(PictureCache.html(network, dataset, () -> computesContent(network, dataset).render())))
                .withId("computes").withClass("panel chart-panel");
    }

    private static DomContent computesContent(Network network, Dataset dataset) {
        if (ClassView.isClassData(dataset)) return ClassView.computes(network, dataset);
        Pictures.Computed computed = Pictures.of(network, dataset);
        if (computed instanceof Pictures.Curve c) return curve(c);
        if (computed instanceof Pictures.Map2D m) return map(m, network);
        return scatter((Pictures.Scatter) computed);
    }

    private static DomContent curve(Pictures.Curve c) {
        Dataset d = c.dataset();
        Extent extent = new Extent().addRows(c.predictions()).addRows(d.ys());
        Axis x = Axis.linear(c.xMin(), c.xMax(), LEFT, W - RIGHT);
        Axis y = Axis.linear(extent.lo, extent.hi, H - BOTTOM, TOP);
        Svg svg = Svg.root("computes-svg", W, H, "The learned function ŷ(x) over the data",
                "The network's output for x from " + Num.f(c.xMin()) + " to " + Num.f(c.xMax())
                        + ", drawn as a line, with the " + d.size() + " training samples as dots.").withClass("chart");
        svg.with(axes(x, y, "x", "y"));
        for (int k = 0; k < c.predictions().length; k++) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < c.xs().length; i++) {
                double v = c.predictions()[k][i];
                if (Double.isFinite(v) && v >= y.min() && v <= y.max()) {
                    pts.append(Svg.n(x.pixel(c.xs()[i]))).append(',').append(Svg.n(y.pixel(v))).append(' ');
                }
            }
            svg.with(Svg.el("polyline").attr("points", pts.toString().trim()).withClass("series")
                    .attr("stroke", SERIES[k % SERIES.length]));
        }
        for (int s = 0; s < d.size(); s++) {
            for (int k = 0; k < d.outputs(); k++) {
                double xv = d.xs().get(s)[0];
                double yv = d.ys().get(s)[k];
                svg.with(Svg.circle(x.pixel(xv), y.pixel(yv), 5).withClass("sample").attr("fill", SERIES[k % SERIES.length])
                        .with(Svg.title("sample " + (s + 1) + ": x = " + Num.f(xv) + ", y = " + Num.f(yv))));
            }
        }
        return each(h3("What the network computes: ŷ(x)"), svg,
                p("The line is the network's prediction ŷ for every x; the dots are the training samples (x, y).")
                        .withClass("chart-text"));
    }

    private static DomContent map(Pictures.Map2D m, Network network) {
        Surface s = m.surface();
        Dataset d = m.dataset();
        double[] range = outputRange(network.layer(network.depth() - 1).activation(), d);
        double size = 300;
        double pad = 48;
        Axis x = Axis.linear(s.x1Min(), s.x1Max(), pad, pad + size);
        Axis y = Axis.linear(s.x2Min(), s.x2Max(), pad + size, pad);
        Svg svg = Svg.root("computes-svg", size + pad + 12, size + pad + 42,
                "The output ŷ" + (d.outputs() > 1 ? "[1]" : "") + " over the input plane (decision boundary)",
                "Heat map of the network's output for x[1] from " + Num.f(s.x1Min()) + " to " + Num.f(s.x1Max())
                        + " and x[2] from " + Num.f(s.x2Min()) + " to " + Num.f(s.x2Max()) + ": orange is "
                        + Num.f(range[0]) + " or less, white " + Num.f((range[0] + range[1]) / 2) + ", purple "
                        + Num.f(range[1]) + " or more. Training samples are drawn on top, coloured by their label.")
                .withClass("chart map");
        svg.with(Svg.el("image").attr("href", HeatmapPng.smoothDataUri(s.output()[0], range[0], range[1]))
                .attr("x", Svg.n(pad)).attr("y", Svg.n(pad)).attr("width", Svg.n(size)).attr("height", Svg.n(size))
                .attr("preserveAspectRatio", "none").withClass("heatmap"));
        Svg frame = Svg.el("g").withClass("axes");
        frame.with(Svg.rect(pad, pad, size, size).withClass("frame"));
        for (double t : x.ticks()) {
            if (t < s.x1Min() || t > s.x1Max()) continue;
            frame.with(Svg.text(x.pixel(t), pad + size + 16, x.label(t)).withClass("tick-x"));
        }
        for (double t : y.ticks()) {
            if (t < s.x2Min() || t > s.x2Max()) continue;
            frame.with(Svg.text(pad - 6, y.pixel(t) + 4, y.label(t)).withClass("tick-y"));
        }
        frame.with(Svg.text(pad + size / 2, pad + size + 32, "x[1]").withClass("axis-label"),
                Svg.text(14, pad + size / 2, "x[2]").withClass("axis-label")
                        .attr("transform", "rotate(-90 14 " + Svg.n(pad + size / 2) + ")"));
        svg.with(frame);
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
        svg.with(low, high);
        return each(h3("What the network computes: the decision boundary"), svg,
                p("Colour is the output ŷ" + (d.outputs() > 1 ? "[1]" : "") + " at each point of the plane (orange low, "
                        + "white " + Num.f(mid) + ", purple high); squares are samples labelled ≥ " + Num.f(mid)
                        + ", circles below.").withClass("chart-text"),
                hiddenMaps(s, network));
    }

    private static DomContent hiddenMaps(Surface s, Network network) {
        if (s.hidden().isEmpty()) return null;
        List<DomContent> layers = new ArrayList<>();
        for (int l = 0; l < s.hidden().size(); l++) {
            Activation act = network.layer(l).activation();
            List<DomContent> maps = new ArrayList<>();
            double[][][] neurons = s.hidden().get(l);
            for (int j = 0; j < Math.min(neurons.length, DiagramView.MAX_SHOWN_NEURONS); j++) {
                double[] range = hiddenRange(act, neurons[j]);
                maps.add(figure(img().withSrc(HeatmapPng.dataUri(everyOther(neurons[j]), range[0], range[1]))
                                .withAlt("Layer " + (l + 1) + ", neuron " + (j + 1) + ": f from " + Num.f(range[0])
                                        + " (orange) to " + Num.f(range[1]) + " (purple)")
                                .withClass("neuron-map"),
                        figcaption(MathView.sym("f", l + 1) + "[" + (j + 1) + "]")));
            }
            layers.add(div(p("Layer " + (l + 1) + " (" + act.label() + ")").withClass("maps-label"),
                    div(maps.toArray(DomContent[]::new)).withClass("maps")));
        }
        return details(summary("What each hidden neuron has learned"), each(layers.toArray(DomContent[]::new)))
                .withClass("hidden-maps").attr("open");
    }

    private static DomContent scatter(Pictures.Scatter sc) {
        Dataset d = sc.dataset();
        Extent extent = new Extent().addRows(sc.predictions()).addRows(d.ys());
        Axis x = Axis.linear(extent.lo, extent.hi, LEFT, W - RIGHT);
        Axis y = Axis.linear(extent.lo, extent.hi, H - BOTTOM, TOP);
        Svg svg = Svg.root("computes-svg", W, H, "Prediction against target for every sample",
                "Each dot is one output of one sample: target y across, prediction ŷ up. On the diagonal the "
                        + "prediction is exact.").withClass("chart");
        svg.with(axes(x, y, "target y", "prediction ŷ"));
        svg.with(Svg.line(x.pixel(x.min()), y.pixel(x.min()), x.pixel(x.max()), y.pixel(x.max())).withClass("diagonal"));
        for (int s = 0; s < d.size(); s++) {
            for (int k = 0; k < d.outputs(); k++) {
                double target = d.ys().get(s)[k];
                double predicted = sc.predictions()[s][k];
                if (!Double.isFinite(predicted)) continue;
                svg.with(Svg.circle(x.pixel(target), y.pixel(Math.max(y.min(), Math.min(y.max(), predicted))), 4.5)
                        .attr("fill", SERIES[k % SERIES.length]).withClass("sample")
                        .with(Svg.title("sample " + (s + 1) + ", output " + (k + 1) + ": y = " + Num.f(target)
                                + ", ŷ = " + Num.f(predicted))));
            }
        }
        List<DomContent> keys = new ArrayList<>();
        for (int k = 0; k < d.outputs(); k++) {
            // a class, not a style attribute: the Content-Security-Policy allows no inline style
            keys.add(span(span().withClass("swatch series-" + (k % SERIES.length)).attr("data-series", String.valueOf(k)),
                    text(" ŷ[" + (k + 1) + "]")).withClass("legend-item"));
        }
        return each(h3("What the network computes: prediction against target"), svg,
                div(keys.toArray(DomContent[]::new)).withClass("legend"),
                p("With more than two inputs there is no plane to draw: each dot is one sample's output, target across "
                        + "and prediction up. A perfect network puts every dot on the diagonal.").withClass("chart-text"));
    }

    /** The smallest and largest finite values seen. */
    private static final class Extent {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;

        Extent add(double v) {
            if (Double.isFinite(v)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            return this;
        }

        Extent addRows(double[][] rows) {
            for (double[] row : rows) for (double v : row) add(v);
            return this;
        }

        Extent addRows(List<double[]> rows) {
            for (double[] row : rows) for (double v : row) add(v);
            return this;
        }
    }

    /** The output's colour range: the activation's own range where it has one, else the targets'. */
    static double[] outputRange(Activation act, Dataset d) {
        double[] own = boundedRange(act);
        if (own != null) return own;
        Extent targets = new Extent();
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

    /** A hidden neuron's map is drawn 72 px wide: every other grid point is plenty, and keeps the page light. */
    private static double[][] everyOther(double[][] grid) {
        double[][] half = new double[(grid.length + 1) / 2][];
        for (int r = 0; r < half.length; r++) {
            half[r] = new double[(grid[2 * r].length + 1) / 2];
            for (int c = 0; c < half[r].length; c++) half[r][c] = grid[2 * r][2 * c];
        }
        return half;
    }

    /** A hidden neuron's colour range: its activation's own, or symmetric about 0 to its largest |f|. */
    private static double[] hiddenRange(Activation act, double[][] grid) {
        double[] own = boundedRange(act);
        if (own != null) return own;
        double m = 1e-9;
        for (double[] row : grid) for (double v : row) if (Double.isFinite(v)) m = Math.max(m, Math.abs(v));
        return new double[] {-m, m};
    }
}

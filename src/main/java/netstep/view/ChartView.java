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

/** The loss curve, drawn as SVG on the server, and the chart frame (size, axes) the other charts share. */
final class ChartView {
    static final double W = 420;
    static final double H = 260;
    static final double LEFT = 56;
    static final double RIGHT = 14;
    static final double TOP = 16;
    static final double BOTTOM = 44;
    private static final int MAX_POINTS = 400;
    static final String[] SERIES = {Palette.POSITIVE, Palette.NEGATIVE, "#1b7837", "#333333"};

    private ChartView() {
    }

    // ---------------------------------------------------------------- loss curve

    static DivTag lossChart(Experiment e) {
        List<Double> history = e.lossHistory();
        List<Double> test = e.testLossHistory();
        boolean log = e.logLossScale();
        int lastStep = e.lossSteps().get(history.size() - 1);
        LossAxes axes = LossAxes.of(concat(history, test), lastStep, log);
        String description = describe(e, lastStep);
        Svg svg = Svg.root("loss-svg", W, H, "Mean training loss after every step"
                + (axes.log ? " (log scale)" : ""), description).withClass("chart");
        svg.with(axes(axes.x, axes.y, "step", "mean loss L̄"));
        drawLoss(svg, e, axes, lastStep);
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
                log && !axes.log ? p("Nothing to draw on a log scale: every loss is 0.").withClass("hint") : null
        ).withId("loss-chart").withClass("panel chart-panel");
    }

    /** The loss chart's axes; a log scale only when some loss is positive. */
    private record LossAxes(Axis x, Axis y, boolean log) {
        static LossAxes of(List<Double> losses, int lastStep, boolean log) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double smallestPositive = Double.POSITIVE_INFINITY;
            for (double v : losses) {
                if (!Double.isFinite(v)) continue;
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                if (v > 0) smallestPositive = Math.min(smallestPositive, v);
            }
            boolean canLog = log && smallestPositive < Double.POSITIVE_INFINITY;
            Axis x = Axis.counting(lastStep, LEFT, W - RIGHT);
            Axis y = canLog ? Axis.logarithmic(smallestPositive, Math.max(hi, smallestPositive * 10), H - BOTTOM, TOP)
                    : Axis.linear(Math.min(0, lo), hi, H - BOTTOM, TOP);
            return new LossAxes(x, y, canLog);
        }
    }

    private static String describe(Experiment e, int lastStep) {
        List<Double> history = e.lossHistory();
        List<Double> test = e.testLossHistory();
        List<Integer> testSteps = e.testLossSteps();
        return "Mean training loss " + Num.f(history.get(0)) + " at step 0"
                + (lastStep > 0 ? ", " + Num.f(history.get(history.size() - 1)) + " after step " + lastStep : "")
                + (test.isEmpty() ? "" : "; test loss " + Num.f(test.get(test.size() - 1)) + " after step "
                        + testSteps.get(testSteps.size() - 1))
                + (e.diverged() ? "; training diverged at step " + (lastStep + 1) : "") + ".";
    }

    /** The training and test curves, the last point marked, and where training diverged. */
    private static void drawLoss(Svg svg, Experiment e, LossAxes axes, int lastStep) {
        List<Double> history = e.lossHistory();
        List<Double> test = e.testLossHistory();
        Axis x = axes.x;
        Axis y = axes.y;
        double lastLoss = history.get(history.size() - 1);
        svg.with(Svg.el("polyline").attr("points", polyline(x, y, e.lossSteps(), history, axes.log))
                .withClass("series train").attr("stroke", Palette.POSITIVE));
        if (!test.isEmpty()) {
            svg.with(Svg.el("polyline").attr("points", polyline(x, y, e.testLossSteps(), test, axes.log))
                    .withClass("series test").attr("stroke", Palette.NEGATIVE).attr("stroke-dasharray", "6 4"));
        }
        if (Double.isFinite(lastLoss) && (!axes.log || lastLoss > 0)) {
            svg.with(Svg.circle(x.pixel(lastStep), y.pixel(lastLoss), 4).attr("fill", Palette.POSITIVE)
                    .with(Svg.title("step " + lastStep + ": " + Num.exact(lastLoss))));
        }
        if (e.diverged()) {
            double px = x.pixel(lastStep);
            svg.with(Svg.line(px, TOP, px, H - BOTTOM).withClass("diverged-line"),
                    Svg.text(Math.max(LEFT + 60, px - 4), TOP + 14, "diverged (NaN/∞) at step " + (lastStep + 1))
                            .withClass("diverged-label"));
        }
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

    static Svg axes(Axis x, Axis y, String xLabel, String yLabel) {
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

    /** What the network computes (see {@link ComputesView}). */
    static DivTag computes(Experiment e) {
        return ComputesView.computes(e);
    }

    static DivTag computes(Experiment e, boolean samplesKept) {
        return ComputesView.computes(e, samplesKept);
    }

    static DivTag computes(Network network, Dataset dataset, netstep.experiment.DataSource source) {
        return ComputesView.computes(network, dataset, source);
    }

    /** The smallest and largest finite values seen. */
    static final class Extent {
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
}

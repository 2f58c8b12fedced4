package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import netstep.data.Dataset;
import netstep.engine.Activation;
import netstep.engine.Network;
import netstep.engine.Surface;
import netstep.experiment.DataSource;
import netstep.experiment.Experiment;
import netstep.experiment.Pictures;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;

/**
 * "What the network computes", drawn as SVG on the server: the learned curve ŷ(x) for one input, the decision
 * map for two (DecisionMapView), prediction against target for more, the classes for class data (ClassView).
 */
final class ComputesView {
    private ComputesView() {
    }

    static DivTag computes(Experiment e) {
        return computes(e, false);
    }

    /** With {@code samplesKept}, a decision map's samples are left to the page, which shows them already. */
    static DivTag computes(Experiment e, boolean samplesKept) {
        return computes(e.network(), e.dataset(), e.config().data(), samplesKept);
    }

    static DivTag computes(Network network, Dataset dataset, DataSource source) {
        return computes(network, dataset, source, false);
    }

    /**
     * The panel depends on nothing but the network and the dataset (an experiment's own instance, made once from
     * {@code source} with its features), so it is rendered once for each pair.
     */
    private static DivTag computes(Network network, Dataset dataset, DataSource source, boolean samplesKept) {
        String html = PictureCache.html(network, dataset, () -> computesContent(network, dataset, source).render());
        return div(rawHtml(samplesKept ? withoutSamples(html) : html)).withId("computes").withClass("panel chart-panel");
    }

    /**
     * The panel sent empty, fetching itself from GET /computes once scrolled into view (htmx "intersect"), as a
     * step's answer leaves it: a decision map's samples, which the page shows already, stay in it, out of sight,
     * for the panel it fetches to keep (hx-preserve).
     */
    static DivTag whenSeen(Experiment e) {
        String html = PictureCache.html(e.network(), e.dataset(),
                () -> computesContent(e.network(), e.dataset(), e.config().data()).render());
        int start = html.indexOf("<g class=\"map-samples\" id=\"");
        DomContent samples = null;
        if (start >= 0) {
            int idStart = html.indexOf("id=\"", start) + 4;
            samples = rawHtml("<svg class=\"kept-samples\" width=\"0\" height=\"0\" aria-hidden=\"true\">"
                    + Svg.placeholder(html.substring(idStart, html.indexOf('"', idStart))) + "</svg>");
        }
        return FragmentRouter.chartOnView("computes", "What the network computes", "/computes", samples);
    }

    /**
     * The panel with the decision map's samples (200 on the circle, two thirds of the panel) replaced by a
     * placeholder that keeps the page's: they are the last group of the map (DecisionMapView), named by content.
     */
    private static String withoutSamples(String html) {
        int start = html.indexOf("<g class=\"map-samples\" id=\"");
        if (start < 0) return html;
        int idStart = html.indexOf("id=\"", start) + 4;
        String id = html.substring(idStart, html.indexOf('"', idStart));
        return html.substring(0, start) + Svg.placeholder(id) + html.substring(html.indexOf("</svg>", start));
    }

    private static DomContent computesContent(Network network, Dataset dataset, DataSource source) {
        if (ClassView.isClassData(dataset)) return ClassView.computes(Pictures.classes(network, dataset), dataset);
        Pictures.Computed computed = Pictures.of(network, dataset, source);
        if (computed instanceof Pictures.Curve c) return curve(c);
        if (computed instanceof Pictures.Map2D m) return DecisionMapView.map(m, network);
        return scatter((Pictures.Scatter) computed);
    }

    private static DomContent curve(Pictures.Curve c) {
        Dataset d = c.dataset();
        ChartView.Extent extent = new ChartView.Extent().addRows(c.predictions()).addRows(d.ys());
        Axis x = Axis.linear(c.xMin(), c.xMax(), ChartView.LEFT, ChartView.W - ChartView.RIGHT);
        Axis y = Axis.linear(extent.lo, extent.hi, ChartView.H - ChartView.BOTTOM, ChartView.TOP);
        Svg svg = Svg.root("computes-svg", ChartView.W, ChartView.H, "The learned function ŷ(x) over the data",
                "The network's output for x from " + Num.f(c.xMin()) + " to " + Num.f(c.xMax())
                        + ", drawn as a line, with the " + d.size() + " training samples as dots.").withClass("chart");
        svg.with(ChartView.axes(x, y, "x", "y"));
        for (int k = 0; k < c.predictions().length; k++) {
            StringBuilder pts = new StringBuilder();
            for (int i = 0; i < c.xs().length; i++) {
                double v = c.predictions()[k][i];
                if (Double.isFinite(v) && v >= y.min() && v <= y.max()) {
                    pts.append(Svg.n(x.pixel(c.xs()[i]))).append(',').append(Svg.n(y.pixel(v))).append(' ');
                }
            }
            svg.with(Svg.el("polyline").attr("points", pts.toString().trim()).withClass("series")
                    .attr("stroke", ChartView.SERIES[k % ChartView.SERIES.length]));
        }
        for (int s = 0; s < d.size(); s++) {
            for (int k = 0; k < d.outputs(); k++) {
                double xv = d.xs().get(s)[0];
                double yv = d.ys().get(s)[k];
                svg.with(Svg.circle(x.pixel(xv), y.pixel(yv), 5).withClass("sample").attr("fill", ChartView.SERIES[k % ChartView.SERIES.length])
                        .with(Svg.title("sample " + (s + 1) + ": x = " + Num.f(xv) + ", y = " + Num.f(yv))));
            }
        }
        return each(h3("What the network computes: ŷ(x)"), svg,
                p("The line is the network's prediction ŷ for every x; the dots are the training samples (x, y).")
                        .withClass("chart-text"));
    }

    private static DomContent scatter(Pictures.Scatter sc) {
        Dataset d = sc.dataset();
        ChartView.Extent extent = new ChartView.Extent().addRows(sc.predictions()).addRows(d.ys());
        Axis x = Axis.linear(extent.lo, extent.hi, ChartView.LEFT, ChartView.W - ChartView.RIGHT);
        Axis y = Axis.linear(extent.lo, extent.hi, ChartView.H - ChartView.BOTTOM, ChartView.TOP);
        Svg svg = Svg.root("computes-svg", ChartView.W, ChartView.H, "Prediction against target for every sample",
                "Each dot is one output of one sample: target y across, prediction ŷ up. On the diagonal the "
                        + "prediction is exact.").withClass("chart");
        svg.with(ChartView.axes(x, y, "target y", "prediction ŷ"));
        svg.with(Svg.line(x.pixel(x.min()), y.pixel(x.min()), x.pixel(x.max()), y.pixel(x.max())).withClass("diagonal"));
        for (int s = 0; s < d.size(); s++) {
            for (int k = 0; k < d.outputs(); k++) {
                double target = d.ys().get(s)[k];
                double predicted = sc.predictions()[s][k];
                if (!Double.isFinite(predicted)) continue;
                svg.with(Svg.circle(x.pixel(target), y.pixel(Math.max(y.min(), Math.min(y.max(), predicted))), 4.5)
                        .attr("fill", ChartView.SERIES[k % ChartView.SERIES.length]).withClass("sample")
                        .with(Svg.title("sample " + (s + 1) + ", output " + (k + 1) + ": y = " + Num.f(target)
                                + ", ŷ = " + Num.f(predicted))));
            }
        }
        List<DomContent> keys = new ArrayList<>();
        for (int k = 0; k < d.outputs(); k++) {
            // a class, not a style attribute: the Content-Security-Policy allows no inline style
            keys.add(span(span().withClass("swatch series-" + (k % ChartView.SERIES.length)).attr("data-series", String.valueOf(k)),
                    text(" ŷ[" + (k + 1) + "]")).withClass("legend-item"));
        }
        return each(h3("What the network computes: prediction against target"), svg,
                div(keys.toArray(DomContent[]::new)).withClass("legend"),
                p("With more than two inputs there is no plane to draw: each dot is one sample's output, target across "
                        + "and prediction up. A perfect network puts every dot on the diagonal.").withClass("chart-text"));
    }
}

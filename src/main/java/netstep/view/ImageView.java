package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import netstep.engine.Activation;
import netstep.engine.Evaluation;
import netstep.engine.Layer;
import netstep.engine.StepTrace;
import netstep.engine.Vec;
import netstep.experiment.Experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static j2html.TagCreator.*;

/**
 * Images on the page (issue 13): the input x drawn as the picture it is, the lecture's "10 numbers giving class
 * scores" as bars of a and of softmax(a), and each first-layer neuron's weights reshaped to the image: the
 * templates of a linear classifier. The tables of numbers stay below them.
 */
final class ImageView {
    private static final double PIXEL = 10;
    private static final double TEMPLATE_PIXEL = 5;

    private ImageView() {
    }

    /** The side of the experiment's square input images, or 0 when its inputs are not an image. */
    static int side(Experiment e) {
        return netstep.data.ImageData.side(e.dataset().id(), e.config().inputs());
    }

    /** x as a grey image: 0 white, 1 black, each pixel enlarged. */
    static DomContent input(Vec x, int side) {
        Svg svg = Svg.root("pick-image", side * PIXEL, side * PIXEL, "The input x as an image",
                side + "×" + side + " pixels, 0 white to 1 black, row by row: x[1] is the top-left pixel.")
                .withClass("input-image");
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double v = x.get(r * side + c);
                int grey = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, v))));
                svg.with(Svg.rect(c * PIXEL, r * PIXEL, PIXEL, PIXEL)
                        .attr("fill", String.format(Locale.ROOT, "#%02x%02x%02x", grey, grey, grey))
                        .with(Svg.title("x[" + (r * side + c + 1) + "] = " + Num.f(v))));
            }
        }
        return div(svg).withClass("picture");
    }

    /** The forward phase's pictures: the class scores of the last layer, and the first layer's templates. */
    static DomContent forward(Experiment e, StepTrace t) {
        int side = side(e);
        StepTrace.LayerForward last = t.forward().get(t.forward().size() - 1);
        boolean classes = last.a().size() > 1 && netstep.engine.Loss.oneHotIndex(t.y().toArray()) >= 0;
        if (side == 0 && !classes) return null;
        List<String> names = classNames(e);
        return div(
                classes ? scores(t, last, names) : null,
                side > 0 ? templates(t.before().layer(0), side, t.before().depth() == 1, names) : null
        ).withClass("image-views");
    }

    /** The lecture's class scores: a bar per class for a, and for ŷ = softmax(a) when the output is softmax. */
    /** The dataset's class names, output by output, or an empty list (outputs are then y[1], y[2], …). */
    static List<String> classNames(Experiment e) {
        return netstep.data.ImageData.classNames(e.dataset().id(), e.config().outputs()).orElse(List.of());
    }

    /** Output k (0-based) by its class name, or as y[k+1] when the data name no classes. */
    static String className(List<String> names, int k) {
        return k < names.size() ? names.get(k) : "y[" + (k + 1) + "]";
    }

    private static DomContent scores(StepTrace t, StepTrace.LayerForward last, List<String> names) {
        Vec a = last.a();
        boolean softmax = t.before().layer(t.before().depth() - 1).activation().kind() == Activation.Kind.SOFTMAX;
        int predicted = Evaluation.argmax(t.prediction().toArray());
        int actual = netstep.engine.Loss.oneHotIndex(t.y().toArray());
        double largest = 1e-12;
        for (int k = 0; k < a.size(); k++) largest = Math.max(largest, Math.abs(a.get(k)));
        List<DomContent> rows = new ArrayList<>();
        for (int k = 0; k < a.size(); k++) {
            String mark = (k == predicted ? " predicted" : "") + (k == actual ? " true" : "");
            rows.add(tr(
                    th(text(className(names, k)), names.isEmpty() ? null : small(" y[" + (k + 1) + "]").withClass("index"),
                            text((k == actual ? " ✓ true" : "") + (k == predicted ? " ← predicted" : ""))),
                    td(bar(a.get(k) / largest, a.get(k))),
                    softmax ? td(bar(t.prediction().get(k), t.prediction().get(k))) : null
            ).withClass(mark.strip()));
        }
        return div(
                h3("Class scores: " + a.size() + " numbers"),
                p("The output layer's a = Wx + b gives one score per class" + (softmax
                        ? "; softmax turns them into probabilities ŷ that sum to 1." : ".")
                        + " The predicted class is the largest: ").withClass("note").with(
                        strong(className(names, predicted)).withId("predicted-class"),
                        text(names.isEmpty() ? "" : " (y[" + (predicted + 1) + "])"), text("; the true class is "),
                        strong(className(names, actual)).withId("true-class"),
                        text((names.isEmpty() ? "" : " (y[" + (actual + 1) + "])") + "."
                                + (predicted == actual ? " Right." : " Wrong."))),
                div(table(thead(tr(th("class"), th("score a"), softmax ? th("ŷ = softmax(a)") : null)),
                        tbody(rows.toArray(DomContent[]::new))).withClass("data class-scores").withId("class-scores"))
                        .withClass("scroll"));
    }

    /** A horizontal bar for t in [−1, 1] (orange left of the axis, purple right) with the value written. */
    private static DomContent bar(double t, double value) {
        double clamped = Math.max(-1, Math.min(1, t));
        double width = 60 * Math.abs(clamped);
        Svg svg = Svg.el("svg").attr("viewBox", "0 0 124 12").attr("width", "124").attr("height", "12")
                .attr("aria-hidden", "true").withClass("score-bar");
        svg.with(Svg.rect(clamped >= 0 ? 62 : 62 - width, 1, width, 10)
                .attr("fill", clamped >= 0 ? Palette.POSITIVE : Palette.NEGATIVE));
        svg.with(Svg.line(62, 0, 62, 12).attr("stroke", "#888"));
        return span(svg, text(" " + Num.f(value)));
    }

    /**
     * Each neuron's incoming weights W[j, ·] reshaped to the image, on a diverging scale per neuron (orange
     * negative, purple positive): what a pixel adds to that neuron's score.
     */
    static DomContent templates(Layer layer, int side, boolean classifier, List<String> names) {
        return div(
                h3(classifier ? "Templates: one row of W per class" : "Layer 1's neurons as templates"),
                p("Each picture is one neuron's weights W[j, ·] laid out as the image: purple pixels raise its "
                        + "score, orange ones lower it (each picture on its own scale). Every number is in the table "
                        + "below." + (layer.masked() ? " This layer is locally connected: the grey pixels lie outside "
                        + "each neuron's window (its receptive field), where it has no weight." : "")).withClass("note"),
                pictures(layer.weights(), layer, side, classifier, "template", names));
    }

    /**
     * The rows of a first-layer matrix shaped like W (∂L/∂W at backpropagation, ΔW at the update) as pictures
     * like the templates: which pixels this step pushes each template towards.
     */
    static DomContent rowsAsImages(Experiment e, StepTrace t, boolean update) {
        int side = side(e);
        if (side == 0) return null;
        Layer layer = t.before().layer(0);
        netstep.engine.Mat m = update ? difference(t.after().layer(0).weights(), layer.weights())
                : t.backward().get(0).dL_dW();
        String name = update ? "ΔW₁ = −η ∂L/∂W₁" : "∂L/∂W₁";
        return div(h3(name + ", row by row, as images"),
                p((update ? "What this update added to each template: " : "Each row of the gradient as a picture: ")
                        + "purple positive, orange negative, each on its own scale." + (update ? ""
                        : " The update subtracts η times it, so orange pixels are where the template will grow."))
                        .withClass("note"),
                pictures(m, layer, side, t.before().depth() == 1, update ? "delta" : "gradient", classNames(e)));
    }

    private static netstep.engine.Mat difference(netstep.engine.Mat after, netstep.engine.Mat before) {
        double[][] d = new double[after.rows()][after.columns()];
        for (int j = 0; j < d.length; j++) {
            for (int i = 0; i < d[j].length; i++) d[j][i] = after.get(j, i) - before.get(j, i);
        }
        return netstep.engine.Mat.of(d);
    }

    private static DomContent pictures(netstep.engine.Mat m, Layer layer, int side, boolean classifier, String id,
                                       List<String> names) {
        List<DomContent> pictures = new ArrayList<>();
        for (int j = 0; j < m.rows(); j++) {
            double largest = 1e-12;
            for (int i = 0; i < m.columns(); i++) largest = Math.max(largest, Math.abs(m.get(j, i)));
            Svg svg = Svg.root(id + "-" + (j + 1), side * TEMPLATE_PIXEL, side * TEMPLATE_PIXEL,
                    "Row " + (j + 1) + " as an image", "Its " + m.columns() + " values as a " + side + "×" + side
                            + " picture; the largest magnitude is " + Num.f(largest) + ".").withClass("template");
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    int i = r * side + c;
                    Svg cell = Svg.rect(c * TEMPLATE_PIXEL, r * TEMPLATE_PIXEL, TEMPLATE_PIXEL, TEMPLATE_PIXEL);
                    if (layer.connected(j, i)) {
                        cell.attr("fill", Palette.hex(m.get(j, i) / largest));
                    } else {
                        cell.attr("fill", "#dddddd"); // no weight: outside this neuron's receptive field
                    }
                    svg.with(cell);
                }
            }
            pictures.add(figure(svg, figcaption(classifier ? className(names, j) : "neuron " + (j + 1)))
                    .withClass("template-figure"));
        }
        return div(pictures.toArray(DomContent[]::new)).withClass("templates").withId(id.equals("template") ? "templates" : id + "-images");
    }
}

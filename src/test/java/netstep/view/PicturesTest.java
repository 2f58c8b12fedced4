package netstep.view;

import netstep.view.render.*;

import netstep.data.Datasets;
import netstep.engine.Activation;
import netstep.engine.Layer;
import netstep.engine.Loss;
import netstep.engine.Network;
import netstep.engine.SampleOrder;
import netstep.engine.StepTrace;
import netstep.experiment.Config;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The pictures are drawn from the engine's numbers: structure, colours and values checked against it. */
class PicturesTest {

    static Experiment experiment(int inputs, List<Integer> hidden, int outputs, Activation h, Activation o, String dataset) {
        return new Experiment(new Config(inputs, hidden, outputs, h, o, Loss.L2, 0.5, 7, dataset, SampleOrder.SEQUENTIAL));
    }

    static int count(String haystack, String regex) {
        Matcher m = Pattern.compile(regex).matcher(haystack);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    @Test
    void theDiagramHasACircleForEveryNeuronAndALineForEveryWeightColouredBySign() throws java.io.IOException {
        Experiment e = experiment(3, List.of(4), 2, Activation.SIGMOID, Activation.IDENTITY, Datasets.REGRESSION_3_2);
        String svg = DiagramView.diagram(e).render();
        assertEquals(3 + 4 + 2, count(svg, "<circle"));
        assertEquals(3 * 4 + 4 * 2, count(svg, "<path [^>]*class=\"edge "));

        Network net = e.network();
        for (int l = 0; l < net.depth(); l++) {
            Layer layer = net.layer(l);
            for (int j = 0; j < layer.outputs(); j++) {
                for (int i = 0; i < layer.inputs(); i++) {
                    String href = "#w" + (l + 1) + "-" + (j + 1) + "-" + (i + 1);
                    Matcher m = Pattern.compile("<a href=\"" + href + "\"><title>[^<]*</title><path ([^>]*)>").matcher(svg);
                    assertTrue(m.find(), "an edge links to " + href);
                    String attrs = m.group(1);
                    double w = layer.weight(j, i);
                    // the stylesheet colours (and dashes) an edge by its sign's class
                    assertTrue(attrs.contains("class=\"edge " + (w >= 0 ? "positive" : "negative")), attrs);
                }
            }
        }
        String css = java.nio.file.Files.readString(java.nio.file.Path.of("static", "netstep.css"));
        assertTrue(css.contains("svg .edge.positive { stroke: " + Palette.POSITIVE + "; }"), "positive edges in purple");
        assertTrue(css.contains("svg .edge.negative { stroke: " + Palette.NEGATIVE + "; stroke-dasharray: 5 3; }"),
                "negative edges in orange, dashed");
    }

    @Test
    void thickerEdgesForLargerWeights() {
        Network net = new Network(List.of(new Layer(new double[][] {{0.1, -2.0}}, new double[] {0}, Activation.IDENTITY)));
        Experiment e = experiment(2, List.of(), 1, Activation.IDENTITY, Activation.IDENTITY, Datasets.XOR);
        String svg = DiagramView.diagram(e).render();
        List<Double> widths = new ArrayList<>();
        Matcher m = Pattern.compile("class=\"edge \\w+ w(\\d+)\"").matcher(svg);
        while (m.find()) widths.add(Double.parseDouble(m.group(1)));
        assertEquals(2, widths.size());
        Layer layer = e.network().layer(0);
        boolean firstLarger = Math.abs(layer.weight(0, 0)) > Math.abs(layer.weight(0, 1));
        assertEquals(firstLarger, widths.get(0) > widths.get(1), "width follows |w| " + widths);
        assertNotNull(net);
    }

    @Test
    void neuronLabelsShowThePhasesNumbersFromTheTrace() {
        Experiment e = experiment(2, List.of(2), 1, Activation.TANH, Activation.SIGMOID, Datasets.XOR);
        e.wholeStep(); // sample (0, 0) changes no weight: the hidden f are tanh(0) = 0; the next sample does
        e.goTo(Phase.FORWARD);
        StepTrace t = e.trace().orElseThrow();
        String forward = DiagramView.diagram(e).render();
        for (int j = 0; j < 2; j++) {
            assertTrue(forward.contains(">" + Num.f(t.forward().get(0).f().get(j)) + "</text>"), "f shown");
            assertTrue(forward.contains(">a " + Num.f(t.forward().get(0).a().get(j)) + "</text>"), "a shown");
        }
        assertTrue(forward.contains("left to right"));

        e.goTo(Phase.BACKWARD);
        String backward = DiagramView.diagram(e).render();
        assertTrue(backward.contains(">" + Num.f(t.backward().get(1).dL_da().get(0)) + "</text>"), "∂L/∂a shown");
        assertTrue(backward.contains("right to left"));
        assertFalse(backward.contains("changed-most"));

        e.goTo(Phase.UPDATE);
        String update = DiagramView.diagram(e).render();
        assertTrue(update.contains("changed-most"), "the most changed weights stand out");
        assertTrue(update.contains("ΔW₁[1,1] = " + Num.f(e.network().layer(0).weight(0, 0) - t.before().layer(0).weight(0, 0))
                + ": " + Num.f(t.before().layer(0).weight(0, 0)) + " → " + Num.f(e.network().layer(0).weight(0, 0))),
                "edges show the change of the weights, old → new");
    }

    @Test
    void theHeatMapIsTheEnginesOutputAtEveryGridCell() throws Exception {
        Experiment e = experiment(2, List.of(3), 1, Activation.TANH, Activation.SIGMOID, Datasets.XOR);
        e.wholeStep();
        String html = ChartView.computes(e).render();
        Matcher m = Pattern.compile("<image href=\"data:image/png;base64,([^\"]+)\"").matcher(html);
        assertTrue(m.find(), "a heat map image");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
        assertEquals(64, image.getWidth());
        assertEquals(64, image.getHeight());

        netstep.engine.Surface surface = netstep.engine.Surface.evaluate(e.network(), -0.1, 1.1, -0.1, 1.1, 64);
        for (int row = 0; row < 64; row += 9) {
            for (int col = 0; col < 64; col += 7) {
                double[] point = surface.point(row, col);
                double single = e.network().predict(netstep.engine.Vec.of(point)).get(0);
                assertEquals(single, surface.output()[0][row][col], 1e-12, "grid cell = single-sample forward pass");
                int expected = netstep.view.render.HeatmapPng.smoothRgb((single - 0.5) / 0.5);
                assertEquals(expected, image.getRGB(col, row) & 0xffffff, "pixel colour at " + row + "," + col);
            }
        }
        String diagram = DiagramView.diagram(e).render();
        assertEquals(3 + 1, count(diagram.substring(diagram.indexOf("neuron-pictures")), "<use href=\"#nps\""),
                "a map inside each hidden neuron and the output, in the diagram");
    }

    @Test
    void oneInputDrawsTheFittedFunctionAndMoreInputsDrawPredictionAgainstTarget() {
        Experiment line = experiment(1, List.of(), 1, Activation.IDENTITY, Activation.IDENTITY, Datasets.LINE);
        String curve = ChartView.computes(line).render();
        assertTrue(curve.contains("ŷ(x)"));
        assertEquals(4, count(curve, "class=\"sample\""), "the four samples of the table");

        Experiment three = experiment(3, List.of(4), 2, Activation.SIGMOID, Activation.IDENTITY, Datasets.REGRESSION_3_2);
        String scatter = ChartView.computes(three).render();
        assertTrue(scatter.contains("prediction against target"));
        assertEquals(12 * 2, count(scatter, "class=\"sample\""), "every output of every sample");
    }

    @Test
    void theLossCurveHasAPointPerStepAxesATextAlternativeAndALogScale() {
        Experiment e = experiment(2, List.of(2), 1, Activation.TANH, Activation.SIGMOID, Datasets.XOR);
        for (int i = 0; i < 7; i++) e.wholeStep();
        String linear = ChartView.lossChart(e).render();
        Matcher m = Pattern.compile("<polyline points=\"([^\"]*)\"").matcher(linear);
        assertTrue(m.find());
        assertEquals(8, m.group(1).trim().split(" ").length, "step 0 and seven steps");
        assertTrue(linear.contains("<title id=\"loss-svg-title\">") && linear.contains("<desc id=\"loss-svg-desc\">"));
        assertTrue(linear.contains("class=\"tick-x\""));
        assertTrue(linear.contains("Log scale"));

        e.setLogLossScale(true);
        String log = ChartView.lossChart(e).render();
        assertTrue(log.contains("(log scale)"));
        assertTrue(log.contains("Linear scale"));
    }

    @Test
    void aDivergedRunIsMarkedOnTheLossCurve() {
        Experiment e = new Experiment(new Config(1, List.of(), 1, Activation.IDENTITY, Activation.IDENTITY, Loss.L2,
                10, 1, Datasets.LINE, SampleOrder.SEQUENTIAL));
        for (int i = 0; i < 500 && !e.diverged(); i++) e.wholeStep();
        assertTrue(e.diverged());
        String chart = ChartView.lossChart(e).render();
        assertTrue(chart.contains("diverged-line"));
        assertTrue(chart.contains("diverged (NaN/∞) at step " + (e.steps() + 1)));
        assertFalse(chart.contains("NaN,") || chart.contains(",NaN"), "no NaN coordinates");
    }

    @Test
    void theCollapseViewShowsTheSingleLayerOnlyForAllIdentityNetworks() {
        Experiment linear = experiment(3, List.of(4), 2, Activation.IDENTITY, Activation.IDENTITY, Datasets.REGRESSION_3_2);
        String html = CollapseView.collapse(linear).render();
        assertTrue(html.contains("(3×2) = 6 weights, 2 = 2 biases, 8 parameters"), html);
        assertTrue(html.contains("(3×4) + (4×2) = 20 weights"));

        Experiment nonlinear = experiment(3, List.of(4), 2, Activation.SIGMOID, Activation.IDENTITY, Datasets.REGRESSION_3_2);
        assertTrue(CollapseView.collapse(nonlinear).render().contains("hidden"));
    }

    @Test
    void theHistoryListsStepsNewestFirstAndPages() {
        Experiment e = experiment(2, List.of(2), 1, Activation.TANH, Activation.SIGMOID, Datasets.XOR);
        for (int i = 0; i < 13; i++) e.wholeStep();
        String first = HistoryView.history(e, 1).render();
        assertTrue(first.indexOf("history-step-13") < first.indexOf("history-step-12"), "newest first");
        assertEquals(10, count(first, "<tr id=\"history-step-"));
        assertTrue(first.contains("Page 1 of 2"));
        String second = HistoryView.history(e, 2).render();
        assertEquals(3, count(second, "<tr id=\"history-step-"));
        assertTrue(second.contains("history-step-1\""));
        netstep.experiment.StepRecord rec = e.record(13).orElseThrow();
        assertEquals(e.traceOfStep(13).orElseThrow().loss(), rec.loss());
        assertEquals(e.traceOfStep(13).orElseThrow().largestChange(), rec.largestChange());
    }
}

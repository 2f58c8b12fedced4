package netstep.view;

import netstep.view.render.*;

import netstep.data.Dataset;
import netstep.engine.Activation;
import netstep.engine.Layer;
import netstep.engine.Loss;
import netstep.engine.Network;
import netstep.engine.SampleOrder;
import netstep.experiment.Config;
import netstep.experiment.ConfigForm;
import netstep.experiment.DataSource;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The views on their own, with states no door lets in any more but training or an older file could leave: data and
 * parameters of ±1e308, losses of ∞ and NaN. Every page and fragment renders (the picture panels included) and marks
 * what overflowed, within a bounded time; nothing throws or loops.
 */
class ExtremeRenderTest {
    static final double[] VALUES = {1e308, -1e308, Double.MAX_VALUE, 1e6, 0, 1e-308};

    static Stream<int[]> shapes() {
        // inputs, outputs, hidden width (0: none): one input draws a curve, two a map, three a scatter
        return Stream.of(new int[] {1, 1, 3}, new int[] {2, 1, 3}, new int[] {3, 2, 4}, new int[] {2, 1, 0});
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void dataOfPlusMinus1e308RendersEveryPanel(int[] shape) {
        Experiment e = experiment(shape, extremeData(shape[0], shape[1], 11));
        renderAll(e);
        for (int i = 0; i < 3; i++) {
            e.advance();
            renderAll(e);
        }
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void weightsOf1e308AndInfiniteLossesRender(int[] shape) {
        Experiment e = experiment(shape, smallData(shape[0], shape[1]));
        Network huge = hugeNetwork(e.network(), 1e308);
        e.restore(e.config(), huge, 3, List.of(0.5, Double.POSITIVE_INFINITY, Double.NaN, Double.POSITIVE_INFINITY),
                List.of(0, 1, 2, 3), List.of());
        String page = renderAll(e);
        assertTrue(page.contains("∞"), "the infinite mean loss is shown as such");
        assertTrue(MathView.cell(netstep.view.render.Digits.DEFAULT, Double.POSITIVE_INFINITY).render().contains("class=\"overflow\""));
        assertTrue(MathView.cell(netstep.view.render.Digits.DEFAULT, Double.NaN).render().contains(">overflow<"));
        e.goTo(Phase.UPDATE); // diverges: refused with a notice, and the page still renders
        assertTrue(e.diverged());
        renderAll(e);
    }

    private static String renderAll(Experiment e) {
        String page = StepperPage.render(e, ConfigForm.of(e.config()));
        assertTrue(page.contains("<meta charset=\"UTF-8\">"));
        // every panel is there (not only "something rendered")
        for (String panel : List.of("diagram", "trace", "loss-chart", "status", "history", "config")) {
            assertTrue(page.contains("id=\"" + panel + "\""), "the page has its " + panel + " panel");
        }
        byte[] fragments = StepperPage.stepFragmentsUtf8(e, new StepperPage.StepChanges(true, true, true));
        assertTrue(new String(fragments, StandardCharsets.UTF_8).contains("id=\"status\""),
                "the step's answer swaps the status in");
        assertTrue(StepperPage.lossChart(e).render().contains("id=\"loss-chart\""));
        return page;
    }

    static Experiment experiment(int[] shape, Dataset data) {
        List<Integer> hidden = shape[2] == 0 ? List.of() : List.of(shape[2]);
        return new Experiment(new Config(shape[0], hidden, shape[1], Activation.RELU, Activation.IDENTITY, Loss.L2,
                0.1, 3, new DataSource.CustomData(data), SampleOrder.SHUFFLED, true));
    }

    static Dataset extremeData(int inputs, int outputs, long seed) {
        Random random = new Random(seed);
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (int s = 0; s < 6; s++) {
            double[] x = new double[inputs];
            double[] y = new double[outputs];
            for (int i = 0; i < inputs; i++) x[i] = VALUES[random.nextInt(VALUES.length)];
            for (int k = 0; k < outputs; k++) y[k] = VALUES[random.nextInt(VALUES.length)];
            xs.add(x);
            ys.add(y);
        }
        return new Dataset("custom", "extreme", "", xs, ys);
    }

    static Dataset smallData(int inputs, int outputs) {
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            double[] x = new double[inputs];
            double[] y = new double[outputs];
            for (int i = 0; i < inputs; i++) x[i] = s - 1.5 + i;
            for (int k = 0; k < outputs; k++) y[k] = s % 2;
            xs.add(x);
            ys.add(y);
        }
        return new Dataset("custom", "small", "", xs, ys);
    }

    static Network hugeNetwork(Network shape, double value) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < shape.depth(); l++) {
            Layer like = shape.layer(l);
            double[][] w = new double[like.outputs()][like.inputs()];
            double[] b = new double[like.outputs()];
            for (double[] row : w) java.util.Arrays.fill(row, value);
            java.util.Arrays.fill(b, -value);
            layers.add(new Layer(w, b, like.activation()));
        }
        return new Network(layers);
    }
}

package netstep.engine;

import netstep.data.Dataset;
import netstep.data.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lecture's "world's smallest neural network": ŷ = wx, L = ½(y − ŷ)², w ← w + η(y − ŷ)x. */
class PerceptronTest {

    /** y = wx: one 1×1 identity layer with a zero bias. */
    static Network perceptron(double w) {
        return new Network(List.of(new Layer(new double[][] {{w}}, new double[] {0}, Activation.IDENTITY)));
    }

    @Test
    void theLecturesFirstStepWorkedByHand() {
        // w = 1, first row of the lecture's table x = 5, y = 10.1, η = 0.02, biases not trained (y = wx has none)
        StepTrace t = new Sgd(Loss.L2, 0.02, false).step(perceptron(1), Vec.of(5), Vec.of(10.1));

        // forward: ŷ = w·x = 1·5 = 5
        assertEquals(5.0, t.prediction().get(0), 1e-12);
        assertEquals(5.0, t.forward().get(0).a().get(0), 1e-12);
        // loss: L = ½(10.1 − 5)² = ½·5.1² = ½·26.01 = 13.005
        assertEquals(13.005, t.loss(), 1e-12);
        assertEquals(13.005, t.lossTerms().get(0), 1e-12);
        // backward: ∂L/∂ŷ = ŷ − y = −5.1; ∂ŷ/∂a = 1; ∇w = −(y − ŷ)x = −5.1·5 = −25.5
        StepTrace.LayerBackward back = t.backward().get(0);
        assertEquals(-5.1, back.dL_df().get(0), 1e-12);
        assertEquals(1.0, back.df_da().get(0), 0.0);
        assertEquals(-25.5, back.dL_dW().get(0, 0), 1e-12);
        // ∂L/∂x = w·∂L/∂a = 1·(−5.1)
        assertEquals(-5.1, back.dL_dx().get(0), 1e-12);
        // update: w ← w − η∇w = 1 − 0.02·(−25.5) = 1 + 0.51 = 1.51
        assertEquals(1.51, t.after().layer(0).weight(0, 0), 1e-12);
        assertEquals(0.0, t.after().layer(0).bias(0), 0.0);
        // the new weight predicts 1.51·5 = 7.55, closer to 10.1: L = ½·2.55² = 3.25125
        Network after = t.after();
        assertEquals(7.55, after.predict(Vec.of(5)).get(0), 1e-12);
    }

    @Test
    void withBiasTrainingTheBiasMovesByEtaTimesTheError() {
        // same step; ∂L/∂b = ŷ − y = −5.1, so b ← 0 − 0.02·(−5.1) = 0.102; w still 1.51
        StepTrace t = new Sgd(Loss.L2, 0.02).step(perceptron(1), Vec.of(5), Vec.of(10.1));
        assertEquals(0.102, t.after().layer(0).bias(0), 1e-12);
        assertEquals(1.51, t.after().layer(0).weight(0, 0), 1e-12);
    }

    @ParameterizedTest(name = "w={0} x={1} y={2} η={3}")
    @CsvSource({
            "1, 5, 10.1, 0.02",
            "2, 1, 1.9, 0.1",
            "-0.5, 1.7, 3.4, 0.05",
            "3, 0.5, 1.1, 1",
            "0, -2, 4, 0.3",
            "2.02, 5, 10.1, 0.02"})
    void theGradientDescentRule(double w, double x, double y, double eta) {
        StepTrace t = new Sgd(Loss.L2, eta, false).step(perceptron(w), Vec.of(x), Vec.of(y));
        double yHat = w * x;
        assertEquals(yHat, t.prediction().get(0), 1e-12);
        assertEquals(0.5 * (y - yHat) * (y - yHat), t.loss(), 1e-12);
        assertEquals(-(y - yHat) * x, t.backward().get(0).dL_dW().get(0, 0), 1e-12);
        assertEquals(w + eta * (y - yHat) * x, t.after().layer(0).weight(0, 0), 1e-12);
    }

    @Test
    void sgdOnTheLecturesTableApproachesLeastSquares() {
        Dataset line = Datasets.byId("line").orElseThrow();
        double[][] xs = line.xMatrix();
        double[][] ys = line.yMatrix();
        assertEquals(4, xs.length);

        // least squares for y = wx: w* = Σxy / Σx²
        //   Σxy = 5·10.1 + 1·1.9 + 1.7·3.4 + 0.5·1.1 = 50.5 + 1.9 + 5.78 + 0.55 = 58.73
        //   Σx² = 25 + 1 + 2.89 + 0.25 = 29.14,  w* = 58.73 / 29.14 ≈ 2.01544
        double sxy = 0;
        double sxx = 0;
        for (int s = 0; s < xs.length; s++) {
            sxy += xs[s][0] * ys[s][0];
            sxx += xs[s][0] * xs[s][0];
        }
        double wStar = sxy / sxx;
        assertEquals(58.73 / 29.14, wStar, 1e-12);

        int epochs = 20;
        Training.Result result = Training.run(perceptron(1), new Sgd(Loss.L2, 0.02, false), xs, ys, epochs,
                SampleOrder.SEQUENTIAL, 7);
        double w = result.network().layer(0).weight(0, 0);

        // an independent loop of the lecture's rule, sample by sample in order
        double oracle = 1;
        for (int e = 0; e < epochs; e++) {
            for (int s = 0; s < xs.length; s++) {
                oracle += 0.02 * (ys[s][0] - oracle * xs[s][0]) * xs[s][0];
            }
        }
        assertEquals(oracle, w, 1e-12);
        assertEquals(0.0, result.network().layer(0).bias(0), 0.0);
        // constant-step SGD settles near, not exactly at, w*
        assertEquals(wStar, w, 1e-3);

        // the mean loss after each epoch never rises, and ends near the least-squares minimum
        List<Double> history = result.lossHistory();
        assertEquals(epochs, history.size());
        for (int e = 1; e < epochs; e++) {
            assertTrue(history.get(e) <= history.get(e - 1) + 1e-12, "epoch " + (e + 1) + " raised the loss");
        }
        double minimum = 0;
        for (int s = 0; s < xs.length; s++) {
            minimum += 0.5 * Math.pow(ys[s][0] - wStar * xs[s][0], 2);
        }
        minimum /= xs.length;
        assertTrue(history.get(epochs - 1) >= minimum - 1e-12);
        assertEquals(minimum, history.get(epochs - 1), 1e-4);
    }

    @Test
    void aHugeLearningRateDivergesWithAClearMessage() {
        // η = 10 on x = 5: w ← w − 10·(5w − y)·5 multiplies the error by 1 − 10·25 = −249 each visit
        Dataset line = Datasets.byId("line").orElseThrow();
        DivergedException e = assertThrows(DivergedException.class, () -> Training.run(perceptron(1),
                new Sgd(Loss.L2, 10, false), line.xMatrix(), line.yMatrix(), 500, SampleOrder.SEQUENTIAL, 1));
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
        assertTrue(e.getMessage().contains("10"), e.getMessage());
    }
}

package netstep.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ActivationAndLossTest {

    static double derivativeAt(Activation act, double a) {
        return act.derivative(a, act.apply(a));
    }

    // ------------------------------------------------------------------ activations

    @Test
    void identity() {
        assertEquals(-3.5, Activation.IDENTITY.apply(-3.5), 0.0);
        assertEquals(1.0, derivativeAt(Activation.IDENTITY, -3.5), 0.0);
        assertEquals(1.0, derivativeAt(Activation.IDENTITY, 0), 0.0);
    }

    @Test
    void step() {
        // g(y) = 1 if y > 0, else 0; ∂g/∂y = 0
        assertEquals(0.0, Activation.STEP.apply(0), 0.0);
        assertEquals(1.0, Activation.STEP.apply(1e-9), 0.0);
        assertEquals(0.0, Activation.STEP.apply(-2), 0.0);
        for (double a : new double[] {-2, 0, 1e-9, 5}) {
            assertEquals(0.0, derivativeAt(Activation.STEP, a), 0.0);
        }
        assertFalse(Activation.STEP.hasGradient());
    }

    @Test
    void sigmoid() {
        // σ(0) = 1 / (1 + 1) = ½, σ'(0) = ½·½ = ¼
        assertEquals(0.5, Activation.SIGMOID.apply(0), 0.0);
        assertEquals(0.25, derivativeAt(Activation.SIGMOID, 0), 0.0);
        // σ(2) = 1 / (1 + e^−2) = 1 / 1.1353352832366127 = 0.8807970779778823
        assertEquals(1 / (1 + Math.exp(-2)), Activation.SIGMOID.apply(2), 1e-15);
        assertEquals(0.8807970779778823, Activation.SIGMOID.apply(2), 1e-15);
        // σ(−a) = 1 − σ(a)
        assertEquals(1 - 0.8807970779778823, Activation.SIGMOID.apply(-2), 1e-15);
        // σ'(2) = σ(2)(1 − σ(2)) = 0.8807970779778823 · 0.1192029220221177 = 0.10499358540350662
        assertEquals(0.10499358540350662, derivativeAt(Activation.SIGMOID, 2), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(doubles = {40, 700, 710, 1000, 1e300, Double.MAX_VALUE})
    void sigmoidSaturatesWithoutNaN(double a) {
        // e^a overflows for a > 709.78; the sigmoid must still be 1 (or 0 on the negative side)
        assertEquals(1.0, Activation.SIGMOID.apply(a), 1e-15);
        assertEquals(0.0, Activation.SIGMOID.apply(-a), 1e-15);
        assertFalse(Double.isNaN(derivativeAt(Activation.SIGMOID, a)));
        assertFalse(Double.isNaN(derivativeAt(Activation.SIGMOID, -a)));
        assertEquals(0.0, derivativeAt(Activation.SIGMOID, a), 1e-15);
        assertEquals(0.0, derivativeAt(Activation.SIGMOID, -a), 1e-15);
        assertEquals(1.0, Activation.TANH.apply(a), 0.0);
        assertEquals(-1.0, Activation.TANH.apply(-a), 0.0);
        assertEquals(0.0, derivativeAt(Activation.TANH, a), 0.0);
    }

    @Test
    void tanh() {
        // tanh(1) = (e² − 1) / (e² + 1) = 6.38905609893065 / 8.38905609893065 = 0.7615941559557649
        double e2 = Math.exp(2);
        assertEquals((e2 - 1) / (e2 + 1), Activation.TANH.apply(1), 1e-15);
        assertEquals(-(e2 - 1) / (e2 + 1), Activation.TANH.apply(-1), 1e-15);
        // tanh'(1) = 1 − tanh²(1) = 1 − 0.5800256583859739 = 0.41997434161402614
        assertEquals(0.41997434161402614, derivativeAt(Activation.TANH, 1), 1e-15);
        assertEquals(1.0, derivativeAt(Activation.TANH, 0), 0.0);
    }

    @Test
    void relu() {
        assertEquals(3.0, Activation.RELU.apply(3), 0.0);
        assertEquals(0.0, Activation.RELU.apply(-2), 0.0);
        assertEquals(0.0, Activation.RELU.apply(0), 0.0);
        // the lecture: ∂g/∂y = 1 if y ≥ 0, so ReLU'(0) = 1
        assertEquals(1.0, derivativeAt(Activation.RELU, 0), 0.0);
        assertEquals(1.0, derivativeAt(Activation.RELU, 2), 0.0);
        assertEquals(0.0, derivativeAt(Activation.RELU, -1e-9), 0.0);
        assertTrue(Activation.RELU.hasGradient());
    }

    @Test
    void leakyRelu() {
        Activation lecture = Activation.leakyRelu(Activation.DEFAULT_LEAKY_SLOPE);
        assertEquals(0.02, lecture.slope(), 0.0);
        // f(−2) = 0.02·(−2) = −0.04; f(3) = 3; f(0) = 0
        assertEquals(-0.04, lecture.apply(-2), 1e-15);
        assertEquals(3.0, lecture.apply(3), 0.0);
        assertEquals(0.0, lecture.apply(0), 0.0);
        // ∂f/∂a = 0.02 for a < 0, 1 for a ≥ 0
        assertEquals(0.02, derivativeAt(lecture, -2), 0.0);
        assertEquals(1.0, derivativeAt(lecture, 0), 0.0);
        assertEquals(1.0, derivativeAt(lecture, 3), 0.0);

        Activation steep = Activation.of("leaky_relu", 0.3);
        assertEquals(0.3, steep.slope(), 0.0);
        // f(−5) = 0.3·(−5) = −1.5
        assertEquals(-1.5, steep.apply(-5), 1e-15);
        assertEquals(0.3, derivativeAt(steep, -5), 0.0);
    }

    @Test
    void theSlopeBelongsToLeakyReluOnly() {
        assertEquals(Activation.RELU, Activation.of("relu", 0.5));
        assertEquals(0.0, Activation.of("sigmoid", 0.5).slope(), 0.0);
        assertEquals(Activation.leakyRelu(0.1), Activation.of("leaky_relu", 0.1));
        assertThrows(IllegalArgumentException.class, () -> Activation.of("swish", 0));
        assertThrows(IllegalArgumentException.class, () -> Activation.leakyRelu(Double.NaN));
    }

    @Test
    void derivativesMatchFiniteDifferencesAwayFromKinks() {
        double h = 1e-6;
        for (Activation act : List.of(Activation.IDENTITY, Activation.SIGMOID, Activation.TANH, Activation.RELU,
                Activation.leakyRelu(0.02), Activation.leakyRelu(0.3))) {
            for (double a : new double[] {-3, -0.7, -0.01, 0.01, 0.4, 2.5}) {
                double numeric = (act.apply(a + h) - act.apply(a - h)) / (2 * h);
                assertEquals(numeric, derivativeAt(act, a), 1e-8, act.label() + " at " + a);
            }
        }
    }

    // ------------------------------------------------------------------ losses

    @Test
    void l2() {
        // ½(y − ŷ)² with ŷ = 3, y = 1: ½·4 = 2; ∂/∂ŷ = ŷ − y = 2
        assertEquals(2.0, Loss.L2.term(3, 1), 0.0);
        assertEquals(2.0, Loss.L2.gradient(3, 1), 0.0);
        // ŷ = 0.5, y = 2: ½·2.25 = 1.125; ∂/∂ŷ = −1.5
        assertEquals(1.125, Loss.L2.term(0.5, 2), 0.0);
        assertEquals(-1.5, Loss.L2.gradient(0.5, 2), 0.0);
        assertEquals(0.0, Loss.L2.term(4, 4), 0.0);
        assertEquals(0.0, Loss.L2.gradient(4, 4), 0.0);
    }

    @Test
    void l1() {
        // |ŷ − y|: ŷ = 3, y = 1 → 2, slope +1; ŷ = 1, y = 3 → 2, slope −1
        assertEquals(2.0, Loss.L1.term(3, 1), 0.0);
        assertEquals(1.0, Loss.L1.gradient(3, 1), 0.0);
        assertEquals(2.0, Loss.L1.term(1, 3), 0.0);
        assertEquals(-1.0, Loss.L1.gradient(1, 3), 0.0);
        assertEquals(0.0, Loss.L1.term(0.25, 0.25), 0.0);
    }

    @Test
    void hinge() {
        // max(0, 1 − y·ŷ)
        // y = 1, ŷ = 0.3: 1 − 0.3 = 0.7 > 0, so ∂/∂ŷ = −y = −1
        assertEquals(0.7, Loss.HINGE.term(0.3, 1), 1e-15);
        assertEquals(-1.0, Loss.HINGE.gradient(0.3, 1), 0.0);
        // y = −1, ŷ = 0.5: 1 + 0.5 = 1.5, ∂/∂ŷ = −y = +1
        assertEquals(1.5, Loss.HINGE.term(0.5, -1), 0.0);
        assertEquals(1.0, Loss.HINGE.gradient(0.5, -1), 0.0);
        // y = 1, ŷ = 2: correct with margin, 1 − 2 < 0 → loss 0 and no gradient
        assertEquals(0.0, Loss.HINGE.term(2, 1), 0.0);
        assertEquals(0.0, Loss.HINGE.gradient(2, 1), 0.0);
        // at the kink y·ŷ = 1 exactly the loss is 0 and the flat side's gradient is used
        assertEquals(0.0, Loss.HINGE.term(1, 1), 0.0);
        assertEquals(0.0, Loss.HINGE.gradient(1, 1), 0.0);
        // just inside the margin the slope is −y
        assertEquals(-1.0, Loss.HINGE.gradient(0.999, 1), 0.0);
        assertEquals(0.001, Loss.HINGE.term(0.999, 1), 1e-15);
    }

    @Test
    void zeroOne() {
        assertEquals(0.0, Loss.ZERO_ONE.term(1, 1), 0.0);
        assertEquals(1.0, Loss.ZERO_ONE.term(0.5, 1), 0.0);
        assertEquals(1.0, Loss.ZERO_ONE.term(0, 1), 0.0);
        for (double yHat : new double[] {-1, 0, 0.5, 1, 3}) {
            assertEquals(0.0, Loss.ZERO_ONE.gradient(yHat, 1), 0.0);
        }
        assertFalse(Loss.ZERO_ONE.hasGradient());
        assertTrue(Loss.L2.hasGradient());
        assertTrue(Loss.L1.hasGradient());
        assertTrue(Loss.HINGE.hasGradient());
    }

    @Test
    void lossGradientsMatchFiniteDifferencesAwayFromKinks() {
        double h = 1e-6;
        double[][] points = {{0.3, 1}, {-0.4, 1}, {0.5, -1}, {2.5, 1.2}, {-1.7, 0.4}, {0.2, 0.9}};
        for (Loss loss : List.of(Loss.L2, Loss.L1, Loss.HINGE)) {
            for (double[] p : points) {
                double numeric = (loss.term(p[0] + h, p[1]) - loss.term(p[0] - h, p[1])) / (2 * h);
                assertEquals(numeric, loss.gradient(p[0], p[1]), 1e-8, loss.id + " at ŷ=" + p[0] + " y=" + p[1]);
            }
        }
    }

    @Test
    void aZeroOneStepMovesNothing() {
        // with zero-one loss every ∂L/∂ŷ is 0, so the trace reports a vanished gradient and the network is unchanged
        Network net = Network.initialise(List.of(2, 3, 1), Activation.SIGMOID, Activation.IDENTITY, 11);
        StepTrace t = new Sgd(Loss.ZERO_ONE, 0.5).step(net, Vec.of(0.3, -0.2), Vec.of(1));
        assertEquals(1.0, t.loss(), 0.0);
        assertTrue(t.gradientVanished());
        assertEquals(net, t.after());
    }

    @Test
    void idsRoundTrip() {
        for (Loss l : Loss.values()) assertEquals(l, Loss.fromId(l.id));
        for (Activation.Kind k : Activation.Kind.values()) assertEquals(k, Activation.Kind.fromId(k.id));
        assertThrows(IllegalArgumentException.class, () -> Loss.fromId("focal"));
    }

    @Test
    void aStepsPredictionUnderEveryLossSideBySide() {
        // the losses lesson: ŷ = 0.6·1 + 0.2 = 0.8 against y = 1
        Network net = new Network(java.util.List.of(new Layer(new double[][] {{0.6}}, new double[] {0.2}, Activation.IDENTITY)));
        StepTrace t = new Sgd(Loss.L1, 0.1).step(net, Vec.of(1.0), Vec.of(1.0));
        assertEquals(0.2, t.lossUnder(Loss.L1), 1e-12);          // |0.8 − 1|
        assertEquals(0.02, t.lossUnder(Loss.L2), 1e-12);         // ½(1 − 0.8)²
        assertEquals(0.2, t.lossUnder(Loss.HINGE), 1e-12);       // max(0, 1 − 1·0.8)
        assertEquals(1.0, t.lossUnder(Loss.ZERO_ONE), 1e-12);    // 1[0.8 ≠ 1]
        assertEquals(t.loss(), t.lossUnder(t.lossFunction()), 0);
    }
}

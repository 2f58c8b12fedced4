package netstep.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The untraced trainer's fused one-sample step ({@link SampleStep}) against the traced step, sample after sample:
 * the same network to the last bit (±0 told apart), the same loss, and the same verdict on overflow, for every
 * element-wise activation, the losses it takes, biases trained or not, inputs of 0 and −0.
 */
class SampleStepTest {

    static Stream<Arguments> settings() {
        List<Arguments> out = new ArrayList<>();
        List<Activation> activations = List.of(Activation.IDENTITY, Activation.STEP, Activation.SIGMOID,
                Activation.TANH, Activation.RELU, Activation.leakyRelu(0.1));
        for (Activation hidden : activations) {
            out.add(Arguments.of(List.of(2, 8, 8, 1), hidden, Activation.TANH, Loss.L2, true));
            out.add(Arguments.of(List.of(3, 5, 2), hidden, Activation.IDENTITY, Loss.L1, false));
        }
        out.add(Arguments.of(List.of(1, 4, 1), Activation.TANH, Activation.IDENTITY, Loss.HINGE, true));
        out.add(Arguments.of(List.of(2, 3, 2), Activation.RELU, Activation.SIGMOID, Loss.CROSS_ENTROPY, true));
        out.add(Arguments.of(List.of(2, 32, 32, 1), Activation.TANH, Activation.TANH, Loss.L2, true));
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("settings")
    void theFusedStepGivesTheTracedNumbersBitForBit(List<Integer> sizes, Activation hidden, Activation output,
                                                     Loss loss, boolean trainBiases) {
        Network start = Network.initialise(sizes, hidden, output, 3);
        Sgd sgd = new Sgd(loss, 0.3, trainBiases);
        assertTrue(SampleStep.covers(sgd, start.layers()));
        Random random = new Random(11);
        Trainer trainer = sgd.trainer(start);
        Network traced = start;
        for (int s = 0; s < 300; s++) {
            double[] x = new double[sizes.get(0)];
            // every seventh input exactly 0 or −0: a = Wx + b skips a zero input, which decides the sign of a 0 sum
            for (int i = 0; i < x.length; i++) x[i] = s % 7 == i ? (s % 2 == 0 ? 0.0 : -0.0) : 4 * random.nextDouble() - 2;
            double[] y = target(loss, random, sizes.get(sizes.size() - 1));
            BatchTrace t = sgd.step(traced, List.of(Vec.of(x)), List.of(Vec.of(y)));
            assertEquals(!t.diverged(), trainer.step(x, y), "sample " + s);
            traced = t.after();
            assertEquals(traced, trainer.network(), "sample " + s);
            assertEquals(Double.doubleToRawLongBits(t.loss()), Double.doubleToRawLongBits(trainer.lastLoss()));
        }
        assertFalse(traced.equals(start), "training changed something");
    }

    private static double[] target(Loss loss, Random random, int outputs) {
        double[] y = new double[outputs];
        if (loss == Loss.CROSS_ENTROPY) {
            y[random.nextInt(outputs)] = 1; // one-hot
            return y;
        }
        for (int k = 0; k < outputs; k++) {
            y[k] = loss == Loss.HINGE ? (random.nextBoolean() ? 1 : -1) : 2 * random.nextDouble() - 1;
        }
        return y;
    }

    @Test
    void aStepThatOverflowsIsRejectedAsTheTracedOneIsAndNotApplied() {
        Network start = Network.initialise(List.of(2, 4, 1), Activation.RELU, Activation.IDENTITY, 2);
        Sgd sgd = new Sgd(Loss.L2, 0.1);
        double[][] xs = {{1e300, 1e300}, {1e5, -1e5}, {Double.NaN, 1}, {Double.POSITIVE_INFINITY, 0}};
        for (double[] x : xs) {
            Trainer trainer = sgd.trainer(start);
            BatchTrace t = sgd.step(start, List.of(Vec.of(x)), List.of(Vec.of(0.5)));
            assertTrue(t.diverged(), "traced, x = " + x[0]);
            assertFalse(trainer.step(x, new double[] {0.5}), "untraced, x = " + x[0]);
            assertEquals(start, trainer.network());
        }
    }

    @Test
    void theFusedStepLeavesRegularizedMaskedAndSoftmaxNetworksToTheGeneralOne() {
        Network plain = Network.initialise(List.of(2, 3, 1), Activation.TANH, Activation.TANH, 1);
        assertTrue(SampleStep.covers(new Sgd(Loss.L2, 0.1), plain.layers()));
        assertFalse(SampleStep.covers(new Sgd(Loss.L2, 0.1, true, Regularization.l2(0.1)), plain.layers()));
        Network softmax = Network.initialise(List.of(2, 3, 2), Activation.TANH, Activation.SOFTMAX, 1);
        assertFalse(SampleStep.covers(new Sgd(Loss.CROSS_ENTROPY, 0.1), softmax.layers()));
        Network two = Network.initialise(List.of(2, 3, 2), Activation.TANH, Activation.IDENTITY, 1);
        assertFalse(SampleStep.covers(new Sgd(Loss.MULTICLASS_HINGE, 0.1), two.layers()));
        double[][] mask = {{1, 0}, {0, 1}, {1, 1}};
        Layer local = new Layer(new double[][] {{0.5, 0}, {0, -0.5}, {0.2, 0.1}}, new double[3], Activation.TANH,
                mask);
        Network masked = new Network(List.of(local, plain.layer(1)));
        assertFalse(SampleStep.covers(new Sgd(Loss.L2, 0.1), masked.layers()));
    }
}

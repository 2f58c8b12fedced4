package netstep.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class LinearCollapseTest {

    @Test
    void theSingleEquivalentLayerComputesWhatTheStackDoes() {
        Network net = Network.initialise(List.of(3, 5, 4, 2), Activation.IDENTITY, Activation.IDENTITY, 11)
                .withBias(0, 2, 0.7).withBias(1, 0, -0.3).withBias(2, 1, 1.5);
        LinearCollapse collapse = LinearCollapse.of(net).orElseThrow();
        assertEquals(2, collapse.weights().rows());
        assertEquals(3, collapse.weights().columns());
        Random random = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            Vec x = Vec.of(random.nextGaussian(), random.nextGaussian(), random.nextGaussian());
            Vec direct = net.predict(x);
            Vec collapsed = collapse.apply(x);
            for (int k = 0; k < 2; k++) assertEquals(direct.get(k), collapsed.get(k), 1e-12);
        }
        assertEquals(8, collapse.parameterCount().total(), "(3×2) + 2");
    }

    @Test
    void twoLayersByHand() {
        // W = W₂W₁ = [2, 3]·[[1, 0], [0, 1]] = [2, 3]; b = W₂b₁ + b₂ = 2·1 + 3·(−1) + 0.5 = −0.5
        Network net = new Network(List.of(
                new Layer(new double[][] {{1, 0}, {0, 1}}, new double[] {1, -1}, Activation.IDENTITY),
                new Layer(new double[][] {{2, 3}}, new double[] {0.5}, Activation.IDENTITY)));
        LinearCollapse c = LinearCollapse.of(net).orElseThrow();
        assertEquals(2, c.weights().get(0, 0));
        assertEquals(3, c.weights().get(0, 1));
        assertEquals(-0.5, c.biases().get(0));
    }

    @Test
    void aNonlinearityAnywhereMeansNoCollapse() {
        Network net = Network.initialise(List.of(2, 2, 1), Activation.RELU, Activation.IDENTITY, 1);
        assertTrue(LinearCollapse.of(net).isEmpty());
    }

    @Test
    void theSurfaceHasEveryHiddenNeuronFromTheSameBatchedPass() {
        Network net = Network.initialise(List.of(2, 3, 2, 1), Activation.TANH, Activation.SIGMOID, 5);
        Surface s = Surface.evaluate(net, -1, 1, -2, 2, 64);
        assertEquals(2, s.hidden().size());
        assertEquals(3, s.hidden().get(0).length);
        assertEquals(2, s.hidden().get(1).length);
        double[] p = s.point(10, 50);
        double expected = Math.tanh(net.layer(0).weight(1, 0) * p[0] + net.layer(0).weight(1, 1) * p[1] + net.layer(0).bias(1));
        assertEquals(expected, s.hidden().get(0)[1][10][50], 1e-12);
        assertEquals(net.predict(Vec.of(p)).get(0), s.output()[0][10][50], 1e-12);
    }
}

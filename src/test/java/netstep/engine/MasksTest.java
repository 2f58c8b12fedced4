package netstep.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Locally connected layers: the window masks, their counts, and masked weights that stay 0. */
class MasksTest {

    @Test
    void aWindowMaskSeesItsPatchOnly() {
        // a 4×4 image, 2×2 windows every 2 pixels: 4 neurons; neuron 3 (bottom right) sees pixels 10, 11, 14, 15
        double[][] mask = Masks.window(4, 4, 2, 2);
        assertEquals(4, mask.length);
        assertEquals(16, mask[0].length);
        for (int i = 0; i < 16; i++) {
            boolean inside = i == 10 || i == 11 || i == 14 || i == 15;
            assertEquals(inside ? 1 : 0, mask[3][i], 0.0, "pixel " + i);
        }
        for (double[] neuron : mask) assertEquals(4, java.util.Arrays.stream(neuron).sum(), 0.0);
        assertEquals(16, Masks.window(6, 6, 3, 1).length, "4×4 positions of a 3×3 window on 6×6");
        assertEquals(9, Masks.window(8, 8, 3, 2).length, "3×3 positions of a 3×3 window, stride 2, on 8×8");
        assertThrows(IllegalArgumentException.class, () -> Masks.window(4, 4, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> Masks.window(4, 4, 2, 0));
    }

    @Test
    void parametersCountUnmaskedWeightsTheLecturesWay() {
        Layer full = new Layer(new double[16][64], new double[16], Activation.RELU);
        assertEquals("fully connected 64 × 16 = 1,024 weights", full.connectivity());
        double[][] mask = Masks.window(6, 6, 3, 1);
        Layer local = new Layer(new double[16][36], new double[16], Activation.RELU, mask);
        assertEquals("locally connected 16 neurons × 3×3 = 144 weights", local.connectivity());
        assertEquals(144, local.unmaskedWeightCount());
        Network net = new Network(List.of(local, new Layer(new double[10][16], new double[10], Activation.SOFTMAX)));
        ParameterCount count = net.parameterCount();
        assertEquals(144 + 160, count.weights());
        assertEquals(16 + 10, count.biases());
        assertEquals("(144 of 36×16) + (16×10) = 304 weights, 16 + 10 = 26 biases, 330 parameters", count.formula());
        assertEquals(List.of("locally connected 16 neurons × 3×3 = 144 weights",
                "fully connected 16 × 10 = 160 weights"), net.connectivity());
    }

    @Test
    void aMaskedWeightMustBeZeroAndCannotBeEdited() {
        double[][] mask = {{1, 0}, {0, 1}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Layer(new double[][] {{1, 0.5}, {0, 1}}, new double[2], Activation.IDENTITY, mask));
        assertTrue(e.getMessage().contains("masked"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Layer(new double[][] {{1, 0}, {0, 1}}, new double[2], Activation.IDENTITY, new double[][] {{1, 2}, {0, 1}}));
        Network net = new Network(List.of(new Layer(new double[][] {{1, 0}, {0, 1}}, new double[2], Activation.IDENTITY, mask)));
        assertThrows(IllegalArgumentException.class, () -> net.withWeight(0, 0, 1, 0.3));
        assertEquals(0.3, net.withWeight(0, 0, 0, 0.3).layer(0).weight(0, 0), 0.0);
        assertTrue(net.withWeight(0, 0, 0, 0.3).layer(0).masked(), "editing keeps the mask");
    }

    @Test
    void maskedWeightsStayZeroThroughEveryUpdate() {
        Random r = new Random(5);
        double[][] mask = Masks.window(5, 5, 3, 1);
        Network net = SoftmaxAndMulticlassTest.randomNetwork(new int[] {25, 9, 4}, Activation.TANH, Activation.SOFTMAX,
                mask, r);
        double[][] xs = new double[40][];
        double[][] ys = new double[40][];
        for (int s = 0; s < xs.length; s++) {
            xs[s] = SoftmaxAndMulticlassTest.gaussians(25, r);
            ys[s] = new double[4];
            ys[s][s % 4] = 1;
        }
        Training.Result result = Training.run(net, new Sgd(Loss.CROSS_ENTROPY, 0.2), xs, ys, 30,
                SampleOrder.SHUFFLED, 1);
        Layer trained = result.network().layer(0);
        assertTrue(trained.masked());
        int moved = 0;
        for (int j = 0; j < 9; j++) {
            for (int i = 0; i < 25; i++) {
                if (mask[j][i] == 0) {
                    assertEquals(0.0, trained.weight(j, i), 0.0, "masked (" + j + ", " + i + ")");
                } else if (trained.weight(j, i) != net.layer(0).weight(j, i)) {
                    moved++;
                }
            }
        }
        assertEquals(81, moved, "every unmasked weight learned");
        assertTrue(result.lossHistory().get(29) < result.lossHistory().get(0), result.lossHistory().toString());
    }
}

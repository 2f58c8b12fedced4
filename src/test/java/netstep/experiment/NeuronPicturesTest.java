package netstep.experiment;

import netstep.data.Dataset;
import netstep.engine.Activation;
import netstep.engine.Layer;
import netstep.engine.Network;
import netstep.engine.Surface;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The numbers behind the small picture in each hidden neuron: f(a) of that neuron over the input plane. */
class NeuronPicturesTest {

    /** f of every neuron of every layer at one point, by hand: a = Σᵢ wⱼᵢ xᵢ + bⱼ, one neuron at a time. */
    private static double[][] byHand(Network network, double[] x) {
        double[][] fs = new double[network.depth()][];
        double[] in = x;
        for (int l = 0; l < network.depth(); l++) {
            Layer layer = network.layer(l);
            double[] f = new double[layer.outputs()];
            for (int j = 0; j < layer.outputs(); j++) {
                double a = layer.bias(j);
                for (int i = 0; i < layer.inputs(); i++) a += layer.weight(j, i) * in[i];
                f[j] = layer.activation().apply(a);
            }
            fs[l] = f;
            in = f;
        }
        return fs;
    }

    @Test
    void eachHiddenNeuronsPictureIsItsOutputAtTheCentreOfEveryCell() {
        Network network = Network.initialise(List.of(2, 8, 8, 1), Activation.TANH, Activation.SIGMOID, 5);
        Dataset data = new Experiment(new Config(2, List.of(8, 8), 1, Activation.TANH, Activation.SIGMOID,
                netstep.engine.Loss.L2, 0.1, 5, "xor", netstep.engine.SampleOrder.SEQUENTIAL)).dataset();
        Surface s = Pictures.neurons(network, data).orElseThrow();
        assertEquals(Pictures.NEURON_RESOLUTION, s.resolution());
        assertEquals(2, s.hidden().size());
        double[] x1 = Pictures.padded(data, 0);
        assertEquals(x1[0], s.x1Min());
        for (int row = 0; row < s.resolution(); row += 3) {
            for (int col = 0; col < s.resolution(); col += 2) {
                double[][] expected = byHand(network, s.point(row, col));
                for (int l = 0; l < 2; l++) {
                    for (int j = 0; j < 8; j++) {
                        assertEquals(expected[l][j], s.neuron(l, j)[row][col], 1e-12,
                                "layer " + l + " neuron " + j + " at " + row + "," + col);
                    }
                }
            }
        }
        // row 0 is the top of the picture: the largest x₂
        assertTrue(s.point(0, 0)[1] > s.point(s.resolution() - 1, 0)[1]);
    }

    @Test
    void onlyTwoInputNetworksWithHiddenLayersHaveThem() {
        Experiment linear = new Experiment(new Config(2, List.of(), 1, Activation.IDENTITY, Activation.SIGMOID,
                netstep.engine.Loss.L2, 0.1, 5, "xor", netstep.engine.SampleOrder.SEQUENTIAL));
        assertTrue(Pictures.neurons(linear.network(), linear.dataset()).isEmpty());
        Experiment three = new Experiment(Config.defaults());
        assertNotEquals(2, three.network().inputs());
        assertTrue(Pictures.neurons(three.network(), three.dataset()).isEmpty());
    }
}

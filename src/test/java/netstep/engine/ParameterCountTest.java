package netstep.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParameterCountTest {

    @Test
    void theLectures342Mlp() {
        ParameterCount c = ParameterCount.of(List.of(3, 4, 2));
        // (3×4) + (4×2) = 12 + 8 = 20 weights; 4 + 2 = 6 biases; 20 + 6 = 26
        assertEquals(20, c.weights());
        assertEquals(6, c.biases());
        assertEquals(26, c.total());
        assertEquals(List.of("(3×4)", "(4×2)"), c.weightTerms());
        assertEquals(List.of("4", "2"), c.biasTerms());
        assertEquals("(3×4) + (4×2) = 20 weights, 4 + 2 = 6 biases, 26 parameters", c.formula());
    }

    @Test
    void aSingleNeuronIsSingular() {
        // y = wx + b: (1×1) = 1 weight, 1 bias, 2 parameters
        ParameterCount c = ParameterCount.of(List.of(1, 1));
        assertEquals(1, c.weights());
        assertEquals(1, c.biases());
        assertEquals(2, c.total());
        assertEquals("(1×1) = 1 weight, 1 = 1 bias, 2 parameters", c.formula());
    }

    @Test
    void oneInputTwoOutputsIsPlural() {
        // (1×2) = 2 weights, 2 = 2 biases, 4 parameters
        assertEquals("(1×2) = 2 weights, 2 = 2 biases, 4 parameters", ParameterCount.of(List.of(1, 2)).formula());
    }

    @Test
    void aDeepNet() {
        ParameterCount c = ParameterCount.of(List.of(2, 8, 8, 8, 1));
        // weights: 2·8 + 8·8 + 8·8 + 8·1 = 16 + 64 + 64 + 8 = 152; biases: 8 + 8 + 8 + 1 = 25; total 177
        assertEquals(152, c.weights());
        assertEquals(25, c.biases());
        assertEquals(177, c.total());
        assertEquals("(2×8) + (8×8) + (8×8) + (8×1) = 152 weights, 8 + 8 + 8 + 1 = 25 biases, 177 parameters",
                c.formula());
    }

    static Stream<List<Integer>> shapes() {
        return Stream.of(List.of(3, 4, 2), List.of(1, 1), List.of(2, 8, 8, 8, 1), List.of(5, 3), List.of(4, 64, 1),
                List.of(1, 2, 3, 4, 5, 6));
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void anInitialisedNetworkHasThatManyParameters(List<Integer> sizes) {
        Network net = Network.initialise(sizes, Activation.TANH, Activation.IDENTITY, 3);
        // count the actual matrix entries, independently of ParameterCount
        int weights = 0;
        int biases = 0;
        for (Layer layer : net.layers()) {
            Mat w = layer.weights();
            weights += w.rows() * w.columns();
            biases += layer.biases().size();
            assertEquals(w.rows() * w.columns(), layer.weightCount());
        }
        ParameterCount c = net.parameterCount();
        assertEquals(sizes, c.sizes());
        assertEquals(weights, c.weights());
        assertEquals(biases, c.biases());
        assertEquals(weights + biases, c.total());
        assertEquals(ParameterCount.of(sizes), c);
        assertEquals(sizes, net.sizes());
        assertEquals(sizes.size() - 1, net.depth());
    }

    @Test
    void needsAnInputAndAnOutput() {
        assertThrows(IllegalArgumentException.class, () -> ParameterCount.of(List.of(3)));
        assertThrows(IllegalArgumentException.class, () -> ParameterCount.of(List.of()));
    }
}

package netstep.engine;

import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The batched forward pass against the single-sample one it stands in for. */
class BatchForwardTest {

    static DoubleMatrix randomColumns(int inputs, int samples, Random random) {
        DoubleMatrix x = new DoubleMatrix(inputs, samples);
        for (int k = 0; k < x.length; k++) x.data[k] = random.nextInt(5) == 0 ? 0 : 3 * random.nextGaussian();
        return x;
    }

    static Network network(int[] sizes, Activation hidden, Activation output, Random random) {
        return GradientCheckTest.randomNetwork(sizes, hidden, output, random);
    }

    /** Sample counts around the block size, and input counts odd and even (the sums go two inputs at a time). */
    @ParameterizedTest(name = "{0} samples")
    @ValueSource(ints = {1, 2, BatchForward.BLOCK - 1, BatchForward.BLOCK, BatchForward.BLOCK + 1, 1000})
    void piecewiseLinearActivationsGiveTheSingleSampleNumbersBitForBit(int samples) {
        Random random = new Random(samples);
        for (Activation hidden : List.of(Activation.RELU, Activation.IDENTITY, Activation.STEP, Activation.leakyRelu(0.02))) {
            for (int[] sizes : new int[][] {{1, 3, 1}, {2, 8, 8, 1}, {3, 5, 2}, {4, 7, 3, 2}, {5, 1}}) {
                Network net = network(sizes, hidden, Activation.IDENTITY, random);
                DoubleMatrix x = randomColumns(net.inputs(), samples, random);
                DoubleMatrix batched = net.predictBatch(x);
                for (int s = 0; s < samples; s++) {
                    Vec single = net.predict(Vec.of(x.getColumn(s).data));
                    for (int k = 0; k < net.outputs(); k++) {
                        assertEquals(single.get(k), batched.get(k, s), 0.0, hidden.id() + " " + net.sizes() + " sample " + s);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} samples")
    @ValueSource(ints = {1, BatchForward.BLOCK + 1, 1000})
    void tanhAndSigmoidAgreeToAboutOneEMinus15(int samples) {
        // BatchTanh and Math.exp are within 1e-15 of StrictMath per activation; through a few layers of weights
        // of order 1 that stays within a few times that
        Random random = new Random(40 + samples);
        for (Activation hidden : List.of(Activation.TANH, Activation.SIGMOID)) {
            for (Activation output : List.of(Activation.SIGMOID, Activation.TANH, Activation.IDENTITY)) {
                Network net = network(new int[] {2, 8, 8, 1}, hidden, output, random);
                DoubleMatrix x = randomColumns(2, samples, random);
                DoubleMatrix batched = net.predictBatch(x);
                for (int s = 0; s < samples; s++) {
                    double single = net.predict(Vec.of(x.getColumn(s).data)).get(0);
                    assertEquals(single, batched.get(0, s), 1e-14, hidden.id() + "/" + output.id() + " sample " + s);
                }
            }
        }
    }

    @Test
    void everyLayersActivationsAreThoseOfTheForwardPass() {
        Random random = new Random(5);
        Network net = network(new int[] {3, 4, 5, 2}, Activation.RELU, Activation.IDENTITY, random);
        DoubleMatrix x = randomColumns(3, 700, random);
        List<DoubleMatrix> layers = net.activationsBatch(x);
        assertEquals(3, layers.size());
        for (int s = 0; s < x.columns; s++) {
            DoubleMatrix f = x.getColumn(s);
            for (int l = 0; l < net.depth(); l++) {
                f = net.layer(l).activate(net.layer(l).preActivation(f));
                assertEquals(f.rows, layers.get(l).rows);
                for (int j = 0; j < f.rows; j++) assertEquals(f.get(j), layers.get(l).get(j, s), 0.0);
            }
        }
        assertEquals(net.predictBatch(x), layers.get(2));
    }

    @Test
    void theSigmoidWithTheExpIntrinsicStaysWithinAnUlpOrTwo() {
        for (double a = -50; a <= 50; a += 0.001) {
            double exact = Activation.SIGMOID.apply(a);
            assertEquals(exact, BatchForward.sigmoid(a), 2 * Math.ulp(exact), "σ(" + a + ")");
        }
    }
}

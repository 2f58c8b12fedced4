package netstep.engine;

import netstep.data.Dataset;
import netstep.data.Datasets;
import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatrixProductsTest {

    /** An m×n matrix of N(0, 1) entries; with {@code zeros} about a third of them are exactly 0. */
    static double[][] random(int m, int n, Random r, boolean zeros) {
        double[][] a = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                a[i][j] = zeros && r.nextInt(3) == 0 ? 0 : r.nextGaussian();
            }
        }
        return a;
    }

    /** The textbook triple loop, c[i][j] = Σ_p a[i][p]·b[p][j], on plain arrays. */
    static double[][] naive(double[][] a, double[][] b) {
        int m = a.length;
        int k = b.length;
        int n = b[0].length;
        double[][] c = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) sum += a[i][p] * b[p][j];
                c[i][j] = sum;
            }
        }
        return c;
    }

    static void assertClose(double[][] expected, DoubleMatrix actual, double tolerance, String what) {
        assertEquals(expected.length, actual.rows, what + ": rows");
        assertEquals(expected[0].length, actual.columns, what + ": columns");
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) {
                assertEquals(expected[i][j], actual.get(i, j), tolerance * Math.max(1, Math.abs(expected[i][j])),
                        what + " at (" + i + ", " + j + ")");
            }
        }
    }

    @ParameterizedTest(name = "{0}×{1} · {1}×{2}, zeros={3}")
    @CsvSource({
            "7, 5, 9, false",
            "7, 5, 9, true",
            "64, 64, 100, false",
            "64, 64, 100, true",
            "1, 1, 1, false",
            "1, 6, 1, false",
            "6, 1, 6, false",
            "3, 4, 1, true",
            "1, 3, 12, false"})
    void javaProductEqualsTheTripleLoop(int m, int k, int n, boolean zeros) {
        Random r = new Random(m * 10_000L + k * 100L + n);
        double[][] a = random(m, k, r, zeros);
        double[][] b = random(k, n, r, zeros);
        double[][] expected = naive(a, b);
        assertClose(expected, MatrixProducts.multiplyInJava(new DoubleMatrix(a), new DoubleMatrix(b)), 1e-12,
                "multiplyInJava");
        assertClose(expected, MatrixProducts.multiply(new DoubleMatrix(a), new DoubleMatrix(b)), 1e-12, "multiply");
    }

    @ParameterizedTest(name = "{0}×{1} · {1}×{2}")
    @CsvSource({"7, 5, 9", "64, 64, 100", "2, 3, 4", "12, 1, 5"})
    void javaProductEqualsNativeBlas(int m, int k, int n) {
        Assumptions.assumeTrue(MatrixProducts.nativeAvailable(), "native BLAS is not available on this host");
        Random r = new Random(42 + m + k + n);
        DoubleMatrix a = new DoubleMatrix(random(m, k, r, false));
        DoubleMatrix b = new DoubleMatrix(random(k, n, r, false));
        DoubleMatrix nativeProduct = a.mmul(b);
        double[][] expected = nativeProduct.toArray2();
        assertClose(expected, MatrixProducts.multiplyInJava(a, b), 1e-12, "Java vs native");
    }

    @Test
    void aProductLargeEnoughForNativeBlasGivesTheJavaNumbers() {
        Random r = new Random(5);
        DoubleMatrix a = new DoubleMatrix(random(128, 128, r, false));
        DoubleMatrix b = new DoubleMatrix(random(128, 70, r, false));
        assertTrue(128L * 128 * 70 >= MatrixProducts.NATIVE_MIN_WORK, "this product goes native when it can");
        assertClose(MatrixProducts.multiplyInJava(a, b).toArray2(), MatrixProducts.multiply(a, b), 1e-12,
                "multiply above the threshold");
    }

    @Test
    void theOperandsAreNotModified() {
        Random r = new Random(8);
        double[][] a = random(4, 3, r, false);
        double[][] b = random(3, 5, r, true);
        DoubleMatrix am = new DoubleMatrix(a);
        DoubleMatrix bm = new DoubleMatrix(b);
        MatrixProducts.multiplyInJava(am, bm);
        assertEquals(new DoubleMatrix(a), am);
        assertEquals(new DoubleMatrix(b), bm);
    }

    @Test
    void mismatchedShapesAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> MatrixProducts.multiplyInJava(new DoubleMatrix(2, 3), new DoubleMatrix(2, 3)));
    }

    @Test
    void detectTreatsAMissingNativeLibraryAsUnavailable() {
        assertFalse(MatrixProducts.detect(() -> {
            throw new UnsatisfiedLinkError("libgfortran.so.5: cannot open shared object file");
        }));
        assertFalse(MatrixProducts.detect(() -> {
            throw new NoClassDefFoundError("Could not initialize class org.jblas.NativeBlas");
        }));
        assertFalse(MatrixProducts.detect(() -> {
            throw new ExceptionInInitializerError("jblas");
        }));
        assertFalse(MatrixProducts.detect(() -> false));
        assertTrue(MatrixProducts.detect(() -> true));
    }

    // ------------------------------------------------------------------ batched forward pass and mean loss

    static List<Network> networks() {
        Random r = new Random(3);
        return List.of(
                Network.initialise(List.of(3, 4, 2), Activation.SIGMOID, Activation.IDENTITY, 1),
                Network.initialise(List.of(2, 8, 8, 1), Activation.RELU, Activation.SIGMOID, 2),
                Network.initialise(List.of(1, 1), Activation.IDENTITY, Activation.IDENTITY, 3),
                Network.initialise(List.of(1, 5, 3), Activation.leakyRelu(0.02), Activation.TANH, 4),
                GradientCheckTest.randomNetwork(new int[] {4, 3, 2, 3}, Activation.TANH, Activation.IDENTITY, r));
    }

    @Test
    void batchedPredictionEqualsPerSamplePrediction() {
        Random r = new Random(17);
        for (Network net : networks()) {
            for (int samples : new int[] {1, 2, 300}) {
                double[][] xs = random(samples, net.inputs(), r, true);
                double[][] rows = net.predictBatch(xs);
                DoubleMatrix columns = net.predictBatch(new DoubleMatrix(xs).transpose());
                assertEquals(samples, rows.length);
                assertEquals(net.outputs(), columns.rows);
                assertEquals(samples, columns.columns);
                for (int s = 0; s < samples; s++) {
                    Vec one = net.predict(Vec.of(xs[s]));
                    assertEquals(net.outputs(), rows[s].length);
                    for (int k = 0; k < net.outputs(); k++) {
                        assertEquals(one.get(k), rows[s][k], 1e-12, net.sizes() + " sample " + s);
                        assertEquals(one.get(k), columns.get(k, s), 1e-12, net.sizes() + " sample " + s);
                    }
                }
            }
        }
    }

    @Test
    void predictEqualsAPlainLoopForwardPass() {
        Random r = new Random(23);
        for (Network net : networks()) {
            for (int s = 0; s < 20; s++) {
                double[] x = random(1, net.inputs(), r, false)[0];
                double[] signal = x;
                for (Layer layer : net.layers()) {
                    double[] f = new double[layer.outputs()];
                    for (int j = 0; j < layer.outputs(); j++) {
                        double a = layer.bias(j);
                        for (int i = 0; i < layer.inputs(); i++) a += layer.weight(j, i) * signal[i];
                        f[j] = layer.activation().apply(a);
                    }
                    signal = f;
                }
                Vec yHat = net.predict(Vec.of(x));
                for (int k = 0; k < signal.length; k++) assertEquals(signal[k], yHat.get(k), 1e-12);
            }
        }
    }

    @Test
    void meanLossIsThePerSampleAverage() {
        Random r = new Random(29);
        for (Network net : networks()) {
            double[][] xs = random(57, net.inputs(), r, true);
            double[][] ys = random(57, net.outputs(), r, false);
            for (Loss loss : Loss.values()) {
                if (loss == Loss.MULTICLASS_HINGE) continue; // its targets are one-hot, not these random ys
                double total = 0;
                for (int s = 0; s < xs.length; s++) {
                    Vec yHat = net.predict(Vec.of(xs[s]));
                    for (int k = 0; k < net.outputs(); k++) total += loss.term(yHat.get(k), ys[s][k]);
                }
                double expected = total / xs.length;
                assertEquals(expected, Sgd.meanLoss(loss, net, xs, ys), 1e-12 * Math.max(1, expected),
                        net.sizes() + " " + loss.id);
                assertEquals(expected, new Sgd(loss, 0.1).meanLoss(net, xs, ys), 1e-12 * Math.max(1, expected));
            }
        }
    }

    @Test
    void meanLossOnTheBuiltInDatasetsEqualsTheStepLosses() {
        // the loss the trace reports for each sample, averaged, is the mean loss of the dataset
        for (Dataset d : Datasets.all()) {
            Network net = Network.initialise(List.of(d.inputs(), 3, d.outputs()), Activation.TANH,
                    Activation.IDENTITY, 5);
            Sgd sgd = new Sgd(Loss.L2, 0.1);
            double total = 0;
            for (int s = 0; s < d.size(); s++) {
                total += sgd.step(net, Vec.of(d.x(s)), Vec.of(d.y(s))).loss();
            }
            assertEquals(total / d.size(), sgd.meanLoss(net, d.xMatrix(), d.yMatrix()), 1e-12, d.id());
        }
    }

    @Test
    void meanLossOfNoSamplesIsZero() {
        Network net = Network.initialise(List.of(2, 1), Activation.IDENTITY, Activation.IDENTITY, 1);
        assertEquals(0.0, Sgd.meanLoss(Loss.L2, net, new double[0][], new double[0][]), 0.0);
    }
}

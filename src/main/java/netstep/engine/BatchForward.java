package netstep.engine;

import org.jblas.DoubleMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * The forward pass for many samples at once (the pictures' grids, the mean loss). Samples go through the whole
 * network {@value #BLOCK} at a time, so that a block's values stay in the L1 cache, and a block is held neuron
 * by neuron ({@code values[j][k]}: neuron j, k-th sample of the block), so that every step runs along the
 * samples in a loop the JIT compiles to SIMD instructions. Loops rather than jblas's products, whose copies to
 * native memory cost more than a grid's arithmetic ({@link MatrixProducts}); GridBenchmark times them.
 *
 * <p>Each sum adds the same products in the same order as the single-sample {@link Layer#preActivation}, so
 * the identity, step and ReLU family give the same numbers bit for bit (but ReLU keeps NaN); tanh
 * ({@link BatchTanh}) and the sigmoid ({@link Math#exp} instead of {@link StrictMath#exp}) agree with it to
 * about 1e-15.
 */
final class BatchForward {
    static final int BLOCK = 256;

    private final List<Layer> layers;
    private final BatchTanh tanh = new BatchTanh(BLOCK);
    /** in[0] is a block of inputs; in[l + 1] a block of layer l's f. */
    private final double[][][] block;

    BatchForward(List<Layer> layers) {
        this.layers = layers;
        block = new double[layers.size() + 1][][];
        block[0] = new double[layers.get(0).inputs()][BLOCK];
        for (int l = 0; l < layers.size(); l++) block[l + 1] = new double[layers.get(l).outputs()][BLOCK];
    }

    /**
     * f of every layer (or only of the last) for the samples that are the columns of {@code x}: element l's
     * {@code [j][s]} is neuron j of layer l at sample s.
     */
    List<double[][]> run(DoubleMatrix x, boolean everyLayer) {
        int samples = x.columns;
        List<double[][]> results = new ArrayList<>();
        for (int l = everyLayer ? 0 : layers.size() - 1; l < layers.size(); l++) {
            results.add(new double[layers.get(l).outputs()][samples]);
        }
        for (int from = 0; from < samples; from += BLOCK) {
            int n = Math.min(BLOCK, samples - from);
            double[][] in = block[0];
            for (int i = 0; i < in.length; i++) {
                for (int k = 0; k < n; k++) in[i][k] = x.data[(from + k) * x.rows + i];
            }
            for (int l = 0; l < layers.size(); l++) {
                layer(layers.get(l), block[l], block[l + 1], n);
            }
            int first = layers.size() - results.size();
            for (int r = 0; r < results.size(); r++) {
                double[][] f = block[first + r + 1];
                for (int j = 0; j < f.length; j++) System.arraycopy(f[j], 0, results.get(r)[j], from, n);
            }
        }
        return results;
    }

    /** Back to a matrix whose columns are samples. */
    static DoubleMatrix columnsOf(double[][] rows) {
        int samples = rows[0].length;
        if (rows.length == 1) return new DoubleMatrix(1, samples, rows[0]);
        DoubleMatrix columns = new DoubleMatrix(rows.length, samples);
        for (int j = 0; j < rows.length; j++) {
            double[] row = rows[j];
            for (int s = 0; s < samples; s++) columns.data[s * rows.length + j] = row[s];
        }
        return columns;
    }

    /** f = f(Wx + b) for the first n samples of a block. */
    private void layer(Layer layer, double[][] x, double[][] f, int n) {
        DoubleMatrix w = layer.w();
        double[] b = layer.b().data;
        for (int j = 0; j < w.rows; j++) {
            double[] fj = f[j];
            // Σᵢ Wⱼᵢ xᵢ from 0, in the order of the single-sample product, two inputs a pass
            int i;
            if (w.columns % 2 == 1) {
                double w0 = w.get(j, 0);
                double[] x0 = x[0];
                for (int k = 0; k < n; k++) fj[k] = 0.0 + w0 * x0[k];
                i = 1;
            } else {
                double w0 = w.get(j, 0);
                double w1 = w.get(j, 1);
                double[] x0 = x[0];
                double[] x1 = x[1];
                for (int k = 0; k < n; k++) fj[k] = (0.0 + w0 * x0[k]) + w1 * x1[k];
                i = 2;
            }
            for (; i < w.columns; i += 2) {
                double w0 = w.get(j, i);
                double w1 = w.get(j, i + 1);
                double[] x0 = x[i];
                double[] x1 = x[i + 1];
                for (int k = 0; k < n; k++) fj[k] = (fj[k] + w0 * x0[k]) + w1 * x1[k];
            }
            double bj = b[j];
            for (int k = 0; k < n; k++) fj[k] += bj;
            if (layer.activation().elementwise()) activate(layer.activation(), fj, n);
        }
        if (!layer.activation().elementwise()) softmax(f, w.rows, n);
    }

    /** Softmax down each sample's column, as {@link Activation#softmax} computes it (the same numbers). */
    private static void softmax(double[][] f, int neurons, int n) {
        for (int k = 0; k < n; k++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < neurons; j++) max = Math.max(max, f[j][k]);
            double sum = 0;
            for (int j = 0; j < neurons; j++) {
                f[j][k] = StrictMath.exp(f[j][k] - max);
                sum += f[j][k];
            }
            for (int j = 0; j < neurons; j++) f[j][k] /= sum;
        }
    }

    private void activate(Activation activation, double[] values, int n) {
        switch (activation.kind()) {
            case IDENTITY -> {
            }
            case TANH -> tanh.applyInPlace(values, n);
            case SIGMOID -> sigmoid(values, n);
            case RELU -> relu(values, n);
            default -> {
                for (int k = 0; k < n; k++) values[k] = activation.apply(values[k]);
            }
        }
    }

    /** max(a, 0) compiles to SIMD, unlike apply's branch: the same numbers but for NaN, which stays NaN. */
    private static void relu(double[] values, int n) {
        for (int k = 0; k < n; k++) values[k] = Math.max(values[k], 0.0);
    }

    private static void sigmoid(double[] values, int n) {
        for (int k = 0; k < n; k++) values[k] = sigmoid(values[k]);
    }

    /** {@link Activation#apply}'s sigmoid with the exp intrinsic, which may differ from StrictMath's in the last bit. */
    static double sigmoid(double a) {
        if (a >= 0) {
            return 1 / (1 + Math.exp(-a));
        }
        double e = Math.exp(a);
        return e / (1 + e);
    }
}

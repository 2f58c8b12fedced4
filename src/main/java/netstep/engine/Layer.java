package netstep.engine;

import org.jblas.DoubleMatrix;

/**
 * One fully connected layer: a = Wx + b, then f(a). W has a row per output neuron and a column per input.
 * Immutable: the matrices are copied in and never handed out.
 */
public final class Layer {
    private final DoubleMatrix weights;
    private final DoubleMatrix biases;
    private final Activation activation;

    /** {@code weights[j][i]} is the weight from input i to neuron j. */
    public Layer(double[][] weights, double[] biases, Activation activation) {
        this(new DoubleMatrix(checkedRectangle(weights, biases)), new DoubleMatrix(biases.clone()), activation);
    }

    Layer(DoubleMatrix weights, DoubleMatrix biases, Activation activation) {
        if (biases.length != weights.rows || biases.columns != 1) {
            throw new IllegalArgumentException("a layer with " + weights.rows + " neurons needs "
                    + weights.rows + " biases, not " + biases.length);
        }
        this.weights = weights;
        this.biases = biases;
        this.activation = activation;
    }

    private static double[][] checkedRectangle(double[][] weights, double[] biases) {
        if (weights.length == 0 || weights[0].length == 0) {
            throw new IllegalArgumentException("a layer needs at least one neuron and one input");
        }
        for (double[] row : weights) {
            if (row.length != weights[0].length) throw new IllegalArgumentException("ragged weight matrix");
        }
        return weights;
    }

    public int inputs() {
        return weights.columns;
    }

    public int outputs() {
        return weights.rows;
    }

    public Activation activation() {
        return activation;
    }

    public double weight(int neuron, int input) {
        return weights.get(neuron, input);
    }

    public double bias(int neuron) {
        return biases.get(neuron);
    }

    public Mat weights() {
        return Mat.copyOf(weights);
    }

    public Vec biases() {
        return Vec.of(biases.data);
    }

    public int weightCount() {
        return weights.length;
    }

    /** Read-only view for the engine's arithmetic; callers must not modify it. */
    DoubleMatrix w() {
        return weights;
    }

    DoubleMatrix b() {
        return biases;
    }

    boolean allWithinBounds() {
        for (double v : weights.data) {
            if (!Bounds.allowed(v)) return false;
        }
        for (double v : biases.data) {
            if (!Bounds.allowed(v)) return false;
        }
        return true;
    }

    boolean allFinite() {
        for (double v : weights.data) {
            if (!Double.isFinite(v)) return false;
        }
        for (double v : biases.data) {
            if (!Double.isFinite(v)) return false;
        }
        return true;
    }

    /** a = Wx + b for one sample (a column vector). Runs in Java: jblas's matrix-vector product is not native. */
    DoubleMatrix preActivation(DoubleMatrix x) {
        return weights.mmul(x).addi(biases);
    }

    DoubleMatrix activate(DoubleMatrix a) {
        DoubleMatrix f = new DoubleMatrix(a.rows, a.columns);
        for (int k = 0; k < a.length; k++) {
            f.data[k] = activation.apply(a.data[k]);
        }
        return f;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layer other && activation.equals(other.activation)
                && weights.rows == other.weights.rows
                && java.util.Arrays.equals(weights.data, other.weights.data)
                && java.util.Arrays.equals(biases.data, other.biases.data);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(weights.data) + java.util.Arrays.hashCode(biases.data);
    }
}

package netstep.engine;

import org.jblas.DoubleMatrix;

/**
 * One layer: a = Wx + b, then f(a). W has a row per output neuron and a column per input. Fully connected,
 * or locally connected when it has a mask: a 0/1 matrix shaped like W whose 0s mark weights that do not exist
 * (the lecture's "sparse W"). A masked weight is 0, gets no gradient, and stays 0 through every update.
 * Immutable: the matrices are copied in and never handed out.
 */
public final class Layer {
    private final DoubleMatrix weights;
    private final DoubleMatrix biases;
    private final Activation activation;
    /** 1 where a weight exists, 0 where it is masked, laid out like {@link #weights}; null when fully connected. */
    private final DoubleMatrix mask;

    /** {@code weights[j][i]} is the weight from input i to neuron j. */
    public Layer(double[][] weights, double[] biases, Activation activation) {
        this(new DoubleMatrix(checkedRectangle(weights, biases)), new DoubleMatrix(biases.clone()), activation);
    }

    /**
     * A locally connected layer: {@code mask[j][i]} is 1 where neuron j sees input i, 0 where it does not
     * (that weight must be 0). A null mask is a fully connected layer.
     */
    public Layer(double[][] weights, double[] biases, Activation activation, double[][] mask) {
        this(new DoubleMatrix(checkedRectangle(weights, biases)), new DoubleMatrix(biases.clone()), activation,
                mask == null ? null : new DoubleMatrix(checkedMask(mask, weights)));
    }

    Layer(DoubleMatrix weights, DoubleMatrix biases, Activation activation) {
        this(weights, biases, activation, null);
    }

    Layer(DoubleMatrix weights, DoubleMatrix biases, Activation activation, DoubleMatrix mask) {
        if (biases.length != weights.rows || biases.columns != 1) {
            throw new IllegalArgumentException("a layer with " + weights.rows + " neurons needs "
                    + weights.rows + " biases, not " + biases.length);
        }
        if (mask != null) {
            for (int k = 0; k < mask.length; k++) {
                if (mask.data[k] == 0 && weights.data[k] != 0) {
                    throw new IllegalArgumentException("weight (" + (k % weights.rows) + ", " + (k / weights.rows)
                            + ") is masked, so it must be 0, not " + weights.data[k]);
                }
            }
        }
        this.weights = weights;
        this.biases = biases;
        this.activation = activation;
        this.mask = mask;
    }

    private static double[][] checkedMask(double[][] mask, double[][] weights) {
        if (mask.length != weights.length) {
            throw new IllegalArgumentException("the mask has " + mask.length + " rows; the weights have " + weights.length);
        }
        for (int j = 0; j < mask.length; j++) {
            if (mask[j].length != weights[j].length) {
                throw new IllegalArgumentException("mask row " + j + " has " + mask[j].length + " entries; the weights' has "
                        + weights[j].length);
            }
            for (double m : mask[j]) {
                if (m != 0 && m != 1) throw new IllegalArgumentException("a mask holds only 0 and 1, not " + m);
            }
        }
        return mask;
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

    /** True for a locally connected layer (one with a mask). */
    public boolean masked() {
        return mask != null;
    }

    /** False where the mask removes the weight from input i to neuron j. */
    public boolean connected(int neuron, int input) {
        return mask == null || mask.get(neuron, input) != 0;
    }

    /** The mask as 0/1 rows (all 1 for a fully connected layer). */
    public Mat mask() {
        return mask == null ? Mat.of(DoubleMatrix.ones(weights.rows, weights.columns).toArray2()) : Mat.copyOf(mask);
    }

    /** The weights that exist: all of W, or the mask's 1s. */
    public int unmaskedWeightCount() {
        return mask == null ? weights.length : (int) mask.sum(); // a sum of 0s and 1s, exact
    }

    /** How many inputs each neuron sees, when every neuron sees as many; −1 otherwise. */
    int inputsPerNeuron() {
        if (mask == null) return weights.columns;
        int common = -1;
        for (int j = 0; j < weights.rows; j++) {
            int n = 0;
            for (int i = 0; i < weights.columns; i++) if (mask.get(j, i) != 0) n++;
            if (common >= 0 && n != common) return -1;
            common = n;
        }
        return common;
    }

    /**
     * The weight count the lecture's way: "fully connected 64 × 16 = 1,024 weights", or
     * "locally connected 16 neurons × 3×3 = 144 weights" (a square window when each neuron sees k² inputs).
     */
    public String connectivity() {
        if (mask == null) {
            return "fully connected " + weights.columns + " × " + weights.rows + " = "
                    + ParameterCount.grouped(weights.length) + " weights";
        }
        int each = inputsPerNeuron();
        int total = unmaskedWeightCount();
        if (each < 0) {
            return "locally connected " + weights.rows + " neurons, " + ParameterCount.grouped(total) + " of "
                    + ParameterCount.grouped(weights.length) + " weights";
        }
        int k = (int) Math.round(Math.sqrt(each));
        String window = k * k == each ? k + "×" + k : String.valueOf(each);
        return "locally connected " + weights.rows + " neurons × " + window + " = " + ParameterCount.grouped(total)
                + " weight" + (total == 1 ? "" : "s");
    }

    /** Read-only view for the engine's arithmetic; callers must not modify it. */
    DoubleMatrix w() {
        return weights;
    }

    DoubleMatrix b() {
        return biases;
    }

    boolean allWithinBounds() {
        return every(Bounds::allowed);
    }

    /** The mask (1 kept, 0 masked) or null; callers must not modify it. */
    DoubleMatrix maskMatrix() {
        return mask;
    }

    boolean allFinite() {
        return every(Double::isFinite);
    }

    private boolean every(java.util.function.DoublePredicate test) {
        for (double v : weights.data) {
            if (!test.test(v)) return false;
        }
        for (double v : biases.data) {
            if (!test.test(v)) return false;
        }
        return true;
    }

    /** a = Wx + b for one sample (a column vector). Runs in Java: jblas's matrix-vector product is not native. */
    DoubleMatrix preActivation(DoubleMatrix x) {
        return weights.mmul(x).addi(biases);
    }

    DoubleMatrix activate(DoubleMatrix a) {
        if (!activation.elementwise()) return new DoubleMatrix(activation.apply(a.data));
        DoubleMatrix f = new DoubleMatrix(a.rows, a.columns);
        for (int k = 0; k < a.length; k++) {
            f.data[k] = activation.apply(a.data[k]);
        }
        return f;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Layer other && activation.equals(other.activation)
                && weights.rows == other.weights.rows && java.util.Objects.equals(mask, other.mask)
                && java.util.Arrays.equals(weights.data, other.weights.data)
                && java.util.Arrays.equals(biases.data, other.biases.data);
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Arrays.hashCode(weights.data) + java.util.Arrays.hashCode(biases.data);
    }
}

package netstep.engine;

import org.jblas.DoubleMatrix;

import java.util.List;

/**
 * The untraced step on one sample, for the networks bulk training mostly sees (element-wise activations, fully
 * connected, no regularization): {@link Backprop}'s arithmetic, every number computed by the same operations in
 * the same order, so the same bits (the tests compare it with the traced step), with its passes fused. The
 * backward pass writes the new parameters as it goes (θ − η·∂L/∂θ, ∂L/∂W never stored) while it computes Wᵀ∂L/∂a
 * from the old ones, and the overflow checks ride along in the loops that compute the values checked. Why: the
 * separate passes over W (the product, the outer product, the update) cost more than their arithmetic at the
 * widths students use (docs/performance.md, "Against TensorFlow Playground's engine"). Not thread-safe.
 */
final class SampleStep {
    private final Loss loss;
    private final double learningRate;
    private final boolean trainBiases;
    private final int depth;
    private final Activation[] activations;
    /** Per layer: tanh, whose f is called straight rather than through {@link Activation#apply}'s switch. */
    private final boolean[] tanh;
    private final int[] rows;
    private final int[] columns;
    private final double[][] a;
    private final double[][] f;
    /** ∂L/∂a; {@code upstream[l]} is ∂L/∂f of layer l (∂L/∂ŷ for the last). */
    private final double[][] dL_da;
    private final double[][] upstream;
    private double loss0;

    /** Whether {@link #step} computes what {@link Backprop} would for this network and these settings. */
    static boolean covers(Sgd sgd, List<Layer> layers) {
        if (!sgd.regularization().none() || sgd.loss() == Loss.MULTICLASS_HINGE) return false;
        for (Layer layer : layers) {
            if (!layer.activation().elementwise() || layer.maskMatrix() != null) return false;
        }
        return true;
    }

    SampleStep(Sgd sgd, List<Layer> layers) {
        loss = sgd.loss();
        learningRate = sgd.learningRate();
        trainBiases = sgd.trainBiases();
        depth = layers.size();
        activations = new Activation[depth];
        tanh = new boolean[depth];
        rows = new int[depth];
        columns = new int[depth];
        a = new double[depth][];
        f = new double[depth][];
        dL_da = new double[depth][];
        upstream = new double[depth][];
        for (int l = 0; l < depth; l++) {
            Layer layer = layers.get(l);
            activations[l] = layer.activation();
            tanh[l] = layer.activation().kind() == Activation.Kind.TANH;
            rows[l] = layer.outputs();
            columns[l] = layer.inputs();
            a[l] = new double[rows[l]];
            f[l] = new double[rows[l]];
            dL_da[l] = new double[rows[l]];
            upstream[l] = new double[rows[l]];
        }
    }

    /** L of the last step. */
    double loss() {
        return loss0;
    }

    /**
     * One step on (x, y) from w, b into nextW, nextB.
     * @return false when a number of the step overflowed or a new parameter left the bounds, as
     *         {@link Backprop#update} decides it
     */
    boolean step(DoubleMatrix[] w, DoubleMatrix[] b, DoubleMatrix[] nextW, DoubleMatrix[] nextB,
                 double[] x, double[] y) {
        double check = forward(w, b, x);
        double[] yHat = f[depth - 1];
        double[] dL_dyHat = upstream[depth - 1];
        double total = 0;
        for (int k = 0; k < yHat.length; k++) {
            total += loss.term(yHat[k], y[k]);
            dL_dyHat[k] = loss.gradient(yHat[k], y[k]);
        }
        loss0 = total;
        check += total * 0;
        boolean within = true;
        for (int l = depth - 1; l >= 0; l--) {
            check += backward(l);
            within &= update(l, w[l].data, b[l].data, nextW[l].data, nextB[l].data, l == 0 ? x : f[l - 1]);
        }
        return check == check && within;
    }

    /** a = Wx + b and f = f(a), layer by layer: 0 (or −0) when every a is finite, NaN otherwise. */
    private double forward(DoubleMatrix[] w, DoubleMatrix[] b, double[] x) {
        double check = 0;
        double[] signal = x;
        for (int l = 0; l < depth; l++) {
            double[] al = a[l];
            double[] fl = f[l];
            Loops.preActivation(w[l].data, b[l].data, signal, al, rows[l], columns[l]);
            if (tanh[l]) {
                for (int j = 0; j < al.length; j++) {
                    fl[j] = Tanh.tanh(al[j]);
                    check += al[j] * 0;
                }
            } else {
                Activation activation = activations[l];
                for (int j = 0; j < al.length; j++) {
                    fl[j] = activation.apply(al[j]);
                    check += al[j] * 0;
                }
            }
            signal = fl;
        }
        return check;
    }

    /** ∂L/∂a = ∂L/∂f ⊙ f'(a) of layer l: 0 (or −0) when every one is finite, NaN otherwise. */
    private double backward(int l) {
        double[] al = a[l];
        double[] fl = f[l];
        double[] up = upstream[l];
        double[] out = dL_da[l];
        double check = 0;
        if (tanh[l]) {
            for (int j = 0; j < out.length; j++) {
                out[j] = up[j] * (1 - fl[j] * fl[j]);
                check += out[j] * 0;
            }
        } else {
            Activation activation = activations[l];
            for (int j = 0; j < out.length; j++) {
                out[j] = up[j] * activation.derivative(al[j], fl[j]);
                check += out[j] * 0;
            }
        }
        return check;
    }

    /**
     * Layer l's new parameters, W − η(∂L/∂a·xᵀ) and b − η·∂L/∂a, and (below the first layer) the previous layer's
     * ∂L/∂f = Wᵀ∂L/∂a from the old W, column by column, each column's sum in row order.
     * @return true when every new parameter is within the bounds
     */
    private boolean update(int l, double[] wl, double[] bl, double[] nextW, double[] nextB, double[] input) {
        double[] v = dL_da[l];
        int r = rows[l];
        int c = columns[l];
        double eta = learningRate;
        boolean within = true;
        for (int j = 0; j < r; j++) {
            nextB[j] = trainBiases ? bl[j] - v[j] * eta : bl[j];
            within &= Math.abs(nextB[j]) <= Bounds.MAX_MAGNITUDE;
        }
        double[] product = l > 0 ? upstream[l - 1] : null;
        for (int i = 0; i < c; i++) {
            int column = i * r;
            double xi = input[i];
            double sum = 0;
            for (int j = 0; j < r; j++) {
                double wij = wl[column + j];
                sum += wij * v[j];
                double next = wij - v[j] * xi * eta;
                nextW[column + j] = next;
                within &= Math.abs(next) <= Bounds.MAX_MAGNITUDE;
            }
            if (product != null) product[i] = sum;
        }
        return within;
    }
}

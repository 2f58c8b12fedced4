package netstep.engine;

import org.jblas.DoubleMatrix;

import java.util.List;

/**
 * The arithmetic of one SGD step on a batch, in the lecture's four steps ({@link #forward}, {@link #loss},
 * {@link #backward}, {@link #update}), shared by the traced step ({@link Sgd#step(Network, List, List)}, which
 * copies these arrays into its records) and the untraced one ({@link Trainer}, which does not): both run this very
 * code, so they give the same numbers to the last bit ({@link SampleStep}, the untraced batch of one, repeats its
 * operations in fused loops: a change here must be made there too). Not thread-safe; one per step or trainer.
 *
 * <p>Parameters are jblas matrices; the loops ({@link Loops}) run on their column-major data.
 * a = Wx + b is summed in the order jblas's {@code mmul} sums it (columns in order, a column whose x is 0 skipped;
 * a single input multiplied straight), so a batch of one gives the numbers the step gave before batches.
 */
final class Backprop {
    final Loss loss;
    final int depth;
    final Activation[] activations;
    final int[] rows;
    final int[] columns;
    /** 1 kept, 0 masked, column by column; null for a fully connected layer. */
    final double[][] masks;
    /** Cross-entropy after softmax: log ŷ from a, finite where ŷₖ underflows to 0. */
    private final boolean softmaxCrossEntropy;

    // one sample's numbers: input[l] is layer l's x (x itself, then the previous layer's f)
    final double[][] input;
    final double[][] a;
    final double[][] f;
    final double[][] df_da;
    final double[][] dL_da;
    final double[][] dL_dx;
    /** ∂L/∂ŷ; the other layers' ∂L/∂f is the next layer's ∂L/∂x. */
    final double[] dL_dyHat;
    final double[] terms;

    // the batch's sums, then (after update) its means
    final double[][] gW;
    final double[][] gb;
    private double lossSum;
    /** NaN once any checked number overflowed: v·0 is ±0 for finite v and NaN for ±∞ and NaN. */
    private double overflow;

    Backprop(Loss loss, List<Layer> layers) {
        this.loss = loss;
        depth = layers.size();
        activations = new Activation[depth];
        rows = new int[depth];
        columns = new int[depth];
        masks = new double[depth][];
        input = new double[depth][];
        a = new double[depth][];
        f = new double[depth][];
        df_da = new double[depth][];
        dL_da = new double[depth][];
        dL_dx = new double[depth][];
        gW = new double[depth][];
        gb = new double[depth][];
        for (int l = 0; l < depth; l++) allocate(l, layers.get(l));
        int outputs = rows[depth - 1];
        dL_dyHat = new double[outputs];
        terms = new double[outputs];
        softmaxCrossEntropy = loss == Loss.CROSS_ENTROPY
                && activations[depth - 1].kind() == Activation.Kind.SOFTMAX;
    }

    private void allocate(int l, Layer layer) {
        activations[l] = layer.activation();
        rows[l] = layer.outputs();
        columns[l] = layer.inputs();
        masks[l] = layer.maskMatrix() == null ? null : layer.maskMatrix().data;
        a[l] = new double[rows[l]];
        f[l] = new double[rows[l]];
        df_da[l] = new double[rows[l]];
        dL_da[l] = new double[rows[l]];
        dL_dx[l] = new double[columns[l]];
        gW[l] = new double[rows[l] * columns[l]];
        gb[l] = new double[rows[l]];
    }

    /** ∂L/∂f of layer l. */
    double[] dL_df(int l) {
        return l == depth - 1 ? dL_dyHat : dL_dx[l + 1];
    }

    /** The untraced path's one sample, the {@code s}-th of its batch: the first three steps; see {@link #update}. */
    double sample(DoubleMatrix[] w, DoubleMatrix[] b, double[] x, double[] y, int s) {
        forward(w, b, x);
        double total = loss(y);
        backward(w, false);
        accumulate(s, total);
        return total;
    }

    // ---- 1. forward: a = Wx + b, f = f(a), layer by layer ----

    /** The forward pass of sample x, into input, a and f. */
    void forward(DoubleMatrix[] w, DoubleMatrix[] b, double[] x) {
        double check = 0;
        double[] signal = x;
        for (int l = 0; l < depth; l++) {
            input[l] = signal;
            Loops.preActivation(w[l].data, b[l].data, signal, a[l], rows[l], columns[l]);
            Loops.activate(activations[l], a[l], f[l]);
            // f(a) is finite wherever a is (softmax subtracts the largest a); ReLU would hide a NaN a, so a is checked
            check += Loops.zeroOrNaN(a[l]);
            signal = f[l];
        }
        overflow += check;
    }

    // ---- 2. loss: L and ∂L/∂ŷ ----

    /** L of the last forward pass against target y, its terms in {@link #terms}, and ∂L/∂ŷ. */
    double loss(double[] y) {
        double[] yHat = f[depth - 1];
        int outputs = yHat.length;
        if (softmaxCrossEntropy || loss == Loss.MULTICLASS_HINGE) {
            vectorLoss(yHat, y);
        } else {
            for (int k = 0; k < outputs; k++) {
                terms[k] = loss.term(yHat[k], y[k]);
                dL_dyHat[k] = loss.gradient(yHat[k], y[k]);
            }
        }
        double total = 0;
        for (int k = 0; k < outputs; k++) total += terms[k];
        overflow += total * 0;
        return total;
    }

    /** Losses whose terms need the whole vector: cross-entropy after softmax, multi-class hinge. */
    private void vectorLoss(double[] yHat, double[] y) {
        int outputs = yHat.length;
        if (softmaxCrossEntropy) {
            double[] logYHat = Activation.logSoftmax(a[depth - 1]);
            for (int k = 0; k < outputs; k++) terms[k] = y[k] == 0 ? 0 : -y[k] * logYHat[k];
        } else {
            System.arraycopy(loss.terms(yHat, y), 0, terms, 0, outputs);
        }
        if (loss == Loss.MULTICLASS_HINGE) {
            System.arraycopy(loss.gradient(yHat, y), 0, dL_dyHat, 0, outputs);
        } else {
            for (int k = 0; k < outputs; k++) dL_dyHat[k] = loss.gradient(yHat[k], y[k]);
        }
    }

    // ---- 3. backward, last layer first ----

    /**
     * ∂L/∂a = ∂L/∂f ⊙ ∂f/∂a (softmax: Jᵀ ∂L/∂f) and ∂L/∂x = Wᵀ ∂L/∂a, last layer first.
     * {@code firstLayerDx}: also compute ∂L/∂x of the first layer (shown, never used).
     */
    void backward(DoubleMatrix[] w, boolean firstLayerDx) {
        double check = 0;
        for (int l = depth - 1; l >= 0; l--) {
            Activation activation = activations[l];
            if (activation.elementwise()) {
                Loops.elementwiseBackward(activation, a[l], f[l], dL_df(l), df_da[l], dL_da[l]);
            } else {
                Loops.softmaxBackward(f[l], dL_df(l), df_da[l], dL_da[l]);
            }
            check += Loops.zeroOrNaN(dL_da[l]);
            if (l > 0 || firstLayerDx) Loops.transposedTimes(w[l].data, rows[l], columns[l], dL_da[l], dL_dx[l]);
        }
        overflow += check;
    }

    /**
     * Adds the sample's ∂L/∂W = ∂L/∂a · xᵀ and ∂L/∂b = ∂L/∂a, and its loss, to the batch's sums (the first
     * sample's products themselves).
     */
    void accumulate(int s, double sampleLoss) {
        boolean first = s == 0;
        for (int l = 0; l < depth; l++) {
            Loops.addOuter(dL_da[l], input[l], gW[l], rows[l], columns[l], first);
            double[] mask = masks[l];
            if (mask != null) {
                // a masked weight does not exist: no gradient
                for (int k = 0; k < mask.length; k++) if (mask[k] == 0) gW[l][k] = 0;
            }
            if (first) {
                System.arraycopy(dL_da[l], 0, gb[l], 0, rows[l]);
            } else {
                for (int j = 0; j < rows[l]; j++) gb[l][j] += dL_da[l][j];
            }
        }
        lossSum = first ? sampleLoss : lossSum + sampleLoss;
    }

    /** L of the batch so far: the mean of its samples' losses. */
    double dataLoss(int batchSize) {
        return lossSum / batchSize;
    }

    // ---- 4. update ----

    /**
     * Turns the batch's sums into means (gW, gb) and writes θ − η(∂L/∂θ + λ ∂R/∂θ) into wOut and bOut;
     * {@code totalOut}, when given, receives ∂L/∂W + λ ∂R/∂W. R's term is left out altogether without
     * regularization, so a batch of one updates exactly as the step before batches did.
     * @return false when any number of the step overflowed (sample values, loss, gradients or new parameters) or a
     *         new parameter left the bounds ({@link Bounds})
     */
    boolean update(DoubleMatrix[] w, DoubleMatrix[] b, DoubleMatrix[] wOut, DoubleMatrix[] bOut, int batchSize,
                   double totalLoss, Sgd sgd, double[][] totalOut) {
        double check = overflow + totalLoss * 0;
        boolean within = true; // the new parameters must stay within the bounds every door checks
        for (int l = 0; l < depth; l++) {
            if (batchSize != 1) toMeans(l, batchSize); // x / 1 is x to the bit: a batch of one divides nothing
            // a NaN or infinite gradient makes its new parameter NaN or infinite, which the bounds refuse: the
            // parameters are within the bounds, η and λ∂R/∂w finite
            within &= updateWeights(l, w[l].data, wOut[l].data, sgd, totalOut == null ? null : totalOut[l]);
            within &= updateBiases(l, b[l].data, bOut[l].data, sgd);
        }
        overflow = 0; // the next batch's check starts afresh
        return check == check && within;
    }

    /** The batch's sums of layer l's gradients become their means. */
    private void toMeans(int l, int batchSize) {
        double[] sumW = gW[l];
        for (int k = 0; k < sumW.length; k++) sumW[k] = sumW[k] / batchSize;
        double[] sumB = gb[l];
        for (int j = 0; j < sumB.length; j++) sumB[j] = sumB[j] / batchSize;
    }

    /**
     * W − η(mean ∂L/∂W + λ ∂R/∂W), masked weights kept 0. The bounds are checked weight by weight rather than
     * through a running maximum, whose every step waits for the last (JFR on TrainBenchmark's work).
     * @return true when every new weight is within the bounds
     */
    private boolean updateWeights(int l, double[] wl, double[] next, Sgd sgd, double[] totals) {
        Regularization regularization = sgd.regularization();
        boolean regularized = !regularization.none();
        double lambda = regularization.lambda();
        double learningRate = sgd.learningRate();
        double[] mean = gW[l];
        boolean within = true;
        for (int k = 0; k < wl.length; k++) {
            double g = mean[k];
            double t = regularized ? g + lambda * regularization.derivative(wl[k]) : g;
            if (totals != null) totals[k] = t;
            next[k] = wl[k] - t * learningRate;
            within &= Math.abs(next[k]) <= Bounds.MAX_MAGNITUDE;
        }
        double[] mask = masks[l];
        if (mask != null) {
            for (int k = 0; k < mask.length; k++) if (mask[k] == 0) next[k] = 0;
        }
        return within;
    }

    /** b − η mean ∂L/∂b (b itself when biases are not trained). @return true when every new bias is within the bounds */
    private boolean updateBiases(int l, double[] bl, double[] next, Sgd sgd) {
        double[] meanB = gb[l];
        double learningRate = sgd.learningRate();
        boolean trainBiases = sgd.trainBiases();
        boolean within = true;
        for (int j = 0; j < bl.length; j++) {
            next[j] = trainBiases ? bl[j] - meanB[j] * learningRate : bl[j];
            within &= Math.abs(next[j]) <= Bounds.MAX_MAGNITUDE;
        }
        return within;
    }
}

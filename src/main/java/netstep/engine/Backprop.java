package netstep.engine;

import java.util.List;

/**
 * The arithmetic of one SGD step on a batch, shared by the traced step ({@link Sgd#step(Network, List, List)},
 * which copies these arrays into its records) and the untraced one ({@link Trainer}, which does not): both
 * run this very code, so they give the same numbers to the last bit. Not thread-safe; one per step or trainer.
 *
 * <p>Weights are laid out as jblas keeps them, column by column (w[i·rows + j] from input i to neuron j), and
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
        for (int l = 0; l < depth; l++) {
            Layer layer = layers.get(l);
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
        int outputs = rows[depth - 1];
        dL_dyHat = new double[outputs];
        terms = new double[outputs];
        softmaxCrossEntropy = loss == Loss.CROSS_ENTROPY
                && activations[depth - 1].kind() == Activation.Kind.SOFTMAX;
    }

    /** ∂L/∂f of layer l. */
    double[] dL_df(int l) {
        return l == depth - 1 ? dL_dyHat : dL_dx[l + 1];
    }

    /**
     * Forward, loss and backward for sample (x, y), the {@code s}-th of its batch, adding its ∂L/∂W and ∂L/∂b to
     * the batch's sums. {@code firstLayerDx}: also compute ∂L/∂x of the first layer (shown, never used).
     * @return the sample's loss
     */
    double sample(double[][] w, double[][] b, double[] x, double[] y, int s, boolean firstLayerDx) {
        double check = 0;
        // 1. forward
        double[] signal = x;
        for (int l = 0; l < depth; l++) {
            input[l] = signal;
            double[] al = a[l];
            double[] fl = f[l];
            double[] wl = w[l];
            double[] bl = b[l];
            int r = rows[l];
            int c = columns[l];
            if (c == 1) {
                // jblas multiplies by a 1×1 x as by a scalar
                double x0 = signal[0];
                for (int j = 0; j < r; j++) al[j] = wl[j] * x0 + bl[j];
            } else {
                java.util.Arrays.fill(al, 0);
                for (int i = 0; i < c; i++) {
                    double xi = signal[i];
                    if (xi != 0.0) {
                        int column = i * r;
                        for (int j = 0; j < r; j++) al[j] += wl[column + j] * xi;
                    }
                }
                for (int j = 0; j < r; j++) al[j] = al[j] + bl[j];
            }
            Activation activation = activations[l];
            if (activation.elementwise()) {
                for (int j = 0; j < r; j++) fl[j] = activation.apply(al[j]);
            } else {
                softmax(al, fl);
            }
            for (int j = 0; j < r; j++) check += al[j] * 0 + fl[j] * 0;
            signal = fl;
        }

        // 2. loss and ∂L/∂ŷ
        double[] yHat = signal;
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
        check += total * 0;

        // 3. backward, last layer first: ∂L/∂a = ∂L/∂f ⊙ ∂f/∂a (softmax: Jᵀ ∂L/∂f), ∂L/∂x = Wᵀ ∂L/∂a
        for (int l = depth - 1; l >= 0; l--) {
            double[] al = a[l];
            double[] fl = f[l];
            double[] dfl = df_da[l];
            double[] gl = dL_da[l];
            double[] upstream = dL_df(l);
            int r = rows[l];
            Activation activation = activations[l];
            if (activation.elementwise()) {
                for (int j = 0; j < r; j++) {
                    dfl[j] = activation.derivative(al[j], fl[j]);
                    gl[j] = upstream[j] * dfl[j];
                }
            } else {
                softmaxBackward(fl, upstream, dfl, gl);
            }
            for (int j = 0; j < r; j++) check += gl[j] * 0;
            if (l > 0 || firstLayerDx) Sgd.transposedTimes(w[l], r, columns[l], gl, dL_dx[l]);
        }

        // 4. the batch's sums of ∂L/∂W = ∂L/∂a · xᵀ and ∂L/∂b = ∂L/∂a (the first sample's products themselves)
        boolean first = s == 0;
        for (int l = 0; l < depth; l++) {
            double[] gl = dL_da[l];
            double[] in = input[l];
            double[] sumW = gW[l];
            double[] sumB = gb[l];
            int r = rows[l];
            int c = columns[l];
            for (int i = 0; i < c; i++) {
                double xi = in[i];
                int column = i * r;
                if (first) {
                    for (int j = 0; j < r; j++) sumW[column + j] = gl[j] * xi;
                } else {
                    for (int j = 0; j < r; j++) sumW[column + j] += gl[j] * xi;
                }
            }
            double[] mask = masks[l];
            if (mask != null) {
                // a masked weight does not exist: no gradient
                for (int k = 0; k < mask.length; k++) if (mask[k] == 0) sumW[k] = 0;
            }
            if (first) {
                System.arraycopy(gl, 0, sumB, 0, r);
            } else {
                for (int j = 0; j < r; j++) sumB[j] += gl[j];
            }
        }
        if (first) {
            lossSum = total;
            overflow = check;
        } else {
            lossSum += total;
            overflow += check;
        }
        return total;
    }

    // The rarer cases live in methods of their own, which keeps the common path small enough for the JIT to
    // inline what it calls whatever mix of networks it has seen (one compiled body serves every request).

    private static void softmax(double[] a, double[] f) {
        System.arraycopy(Activation.softmax(a), 0, f, 0, f.length);
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

    /** ∂L/∂a = Jᵀ ∂L/∂f with J = diag(ŷ) − ŷŷᵀ, entry (k, j) written as {@link Activation#jacobian} writes it. */
    private static void softmaxBackward(double[] f, double[] upstream, double[] df_da, double[] dL_da) {
        int r = f.length;
        for (int j = 0; j < r; j++) {
            df_da[j] = f[j] - f[j] * f[j];
            double sum = 0;
            for (int k = 0; k < r; k++) sum += ((k == j ? f[k] : 0) - f[k] * f[j]) * upstream[k];
            dL_da[j] = sum;
        }
    }

    /** L of the batch so far: the mean of its samples' losses. */
    double dataLoss(int batchSize) {
        return lossSum / batchSize;
    }

    /**
     * Turns the batch's sums into means (gW, gb) and writes θ − η(∂L/∂θ + λ ∂R/∂θ) into wOut and bOut;
     * {@code totalOut}, when given, receives ∂L/∂W + λ ∂R/∂W. R's term is left out altogether without
     * regularization, so a batch of one updates exactly as the step before batches did.
     * @return false when any number of the step overflowed (sample values, loss, gradients or new parameters) or a
     *         new parameter left the bounds ({@link Bounds})
     */
    boolean update(double[][] w, double[][] b, double[][] wOut, double[][] bOut, int batchSize, double totalLoss,
                   Regularization regularization, double learningRate, boolean trainBiases, double[][] totalOut) {
        double check = overflow + totalLoss * 0;
        double largest = 0; // the new parameters must stay within the bounds every door checks
        boolean regularized = !regularization.none();
        double lambda = regularization.lambda();
        for (int l = 0; l < depth; l++) {
            double[] wl = w[l];
            double[] mean = gW[l];
            double[] next = wOut[l];
            double[] mask = masks[l];
            double[] totals = totalOut == null ? null : totalOut[l];
            for (int k = 0; k < wl.length; k++) {
                double g = mean[k] / batchSize;
                mean[k] = g;
                double t = regularized ? g + lambda * regularization.derivative(wl[k]) : g;
                if (totals != null) totals[k] = t;
                next[k] = wl[k] - t * learningRate;
                check += g * 0 + next[k] * 0;
                largest = Math.max(largest, Math.abs(next[k]));
            }
            if (mask != null) {
                for (int k = 0; k < mask.length; k++) if (mask[k] == 0) next[k] = 0;
            }
            double[] bl = b[l];
            double[] meanB = gb[l];
            double[] nextB = bOut[l];
            for (int j = 0; j < bl.length; j++) {
                double g = meanB[j] / batchSize;
                meanB[j] = g;
                nextB[j] = trainBiases ? bl[j] - g * learningRate : bl[j];
                check += nextB[j] * 0;
                largest = Math.max(largest, Math.abs(nextB[j]));
            }
        }
        return check == check && largest <= Bounds.MAX_MAGNITUDE;
    }
}

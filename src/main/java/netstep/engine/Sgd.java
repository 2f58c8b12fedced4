package netstep.engine;

import org.jblas.DoubleMatrix;

import java.util.ArrayList;
import java.util.List;

/**
 * Gradient descent on mini-batches of b samples (b = 1 is the lecture's SGD, one random sample at a time), with an
 * optional penalty λR on the weights: θ ← θ − η(∂L/∂θ + λ ∂R/∂θ), where ∂L/∂θ is the mean of the batch's
 * per-sample gradients. {@link #step(Network, List, List)} records every number of the step;
 * {@link #trainer(Network)} computes the same numbers without recording them, for bulk training.
 */
public final class Sgd {
    private final Loss loss;
    private final double learningRate;
    private final boolean trainBiases;
    private final Regularization regularization;

    public Sgd(Loss loss, double learningRate) {
        this(loss, learningRate, true);
    }

    public Sgd(Loss loss, double learningRate, boolean trainBiases) {
        this(loss, learningRate, trainBiases, Regularization.NONE);
    }

    public Sgd(Loss loss, double learningRate, boolean trainBiases, Regularization regularization) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a positive number");
        }
        this.loss = loss;
        this.learningRate = learningRate;
        this.trainBiases = trainBiases;
        this.regularization = regularization;
    }

    public Loss loss() {
        return loss;
    }

    public double learningRate() {
        return learningRate;
    }

    public boolean trainBiases() {
        return trainBiases;
    }

    public Regularization regularization() {
        return regularization;
    }

    /**
     * Forward, loss, backward and update for one sample (x, y): the batch of one, without regularization
     * (whose terms a {@link StepTrace} has no place for: use {@link #step(Network, List, List)}).
     */
    public StepTrace step(Network network, Vec x, Vec y) {
        if (!regularization.none()) {
            throw new IllegalStateException("a regularized step records λR and λ∂R/∂w: use the batch step");
        }
        return step(network, List.of(x), List.of(y)).asStepTrace();
    }

    /**
     * One step on the batch (xs[s], ys[s]), recording each sample's numbers, their means and the update: the
     * lecture's forward, loss and backward for every sample, then one update with the batch's mean gradient.
     */
    public BatchTrace step(Network network, List<Vec> xs, List<Vec> ys) {
        checkBatch(network, xs, ys);
        List<Layer> layers = network.layers();
        DoubleMatrix[] w = weightsOf(layers);
        DoubleMatrix[] b = biasesOf(layers);
        Backprop pass = new Backprop(loss, layers);
        List<BatchTrace.Sample> samples = new ArrayList<>(xs.size());
        for (int s = 0; s < xs.size(); s++) {
            pass.forward(w, b, xs.get(s).values());
            double sampleLoss = pass.loss(ys.get(s).values());
            pass.backward(w, true);
            pass.accumulate(s, sampleLoss);
            samples.add(record(pass, layers, xs.get(s), ys.get(s), sampleLoss));
        }
        return update(network, pass, w, b, samples);
    }

    private void checkBatch(Network network, List<Vec> xs, List<Vec> ys) {
        if (xs.isEmpty() || xs.size() != ys.size()) {
            throw new IllegalArgumentException("a batch needs at least one sample, each with an x and a y");
        }
        for (int s = 0; s < xs.size(); s++) checkSample(network, xs.get(s).values(), ys.get(s).values());
    }

    /** Each layer's W (the network's own matrices: read, never written). */
    static DoubleMatrix[] weightsOf(List<Layer> layers) {
        return layers.stream().map(Layer::w).toArray(DoubleMatrix[]::new);
    }

    /** Each layer's b (the network's own vectors: read, never written). */
    static DoubleMatrix[] biasesOf(List<Layer> layers) {
        return layers.stream().map(Layer::b).toArray(DoubleMatrix[]::new);
    }

    /** θ ← θ − η(∂L/∂θ + λ ∂R/∂θ) with the batch's mean gradient, recorded with the new network. */
    private BatchTrace update(Network before, Backprop pass, DoubleMatrix[] w, DoubleMatrix[] b,
                              List<BatchTrace.Sample> samples) {
        int depth = pass.depth;
        double dataLoss = pass.dataLoss(samples.size());
        double penalty = regularization.penalty(w);
        double total = regularization.none() ? dataLoss : dataLoss + regularization.lambda() * penalty;
        DoubleMatrix[] newW = new DoubleMatrix[depth];
        DoubleMatrix[] newB = new DoubleMatrix[depth];
        double[][] totals = new double[depth][];
        for (int l = 0; l < depth; l++) {
            newW[l] = new DoubleMatrix(w[l].rows, w[l].columns);
            newB[l] = new DoubleMatrix(b[l].rows, 1);
            totals[l] = new double[w[l].length];
        }
        boolean finite = pass.update(w, b, newW, newB, samples.size(), total, this, totals);
        List<BatchTrace.LayerGradient> gradients = new ArrayList<>(depth);
        Layer[] updated = new Layer[depth];
        for (int l = 0; l < depth; l++) {
            gradients.add(gradient(pass, l, w[l], totals[l]));
            Layer layer = before.layer(l);
            updated[l] = new Layer(newW[l], newB[l], layer.activation(), layer.maskMatrix());
        }
        return new BatchTrace(samples, loss, dataLoss, regularization, penalty, gradients, learningRate,
                trainBiases, before, new Network(List.of(updated)), !finite);
    }

    /** Layer l's mean ∂L/∂W and ∂L/∂b, λ ∂R/∂W, and their total ∂L/∂W + λ ∂R/∂W. */
    private BatchTrace.LayerGradient gradient(Backprop pass, int l, DoubleMatrix w, double[] total) {
        double[] lambdaDR = new double[w.length];
        for (int k = 0; k < lambdaDR.length; k++) {
            lambdaDR[k] = regularization.lambda() * regularization.derivative(w.data[k]);
        }
        return new BatchTrace.LayerGradient(Mat.ofColumns(w.rows, w.columns, pass.gW[l].clone()),
                Vec.wrap(pass.gb[l].clone()), Mat.ofColumns(w.rows, w.columns, lambdaDR),
                Mat.ofColumns(w.rows, w.columns, total));
    }

    /** One sample's forward pass, loss and backward pass, copied out of {@code pass}. */
    private static BatchTrace.Sample record(Backprop pass, List<Layer> layers, Vec x, Vec y, double sampleLoss) {
        int depth = pass.depth;
        StepTrace.LayerForward[] forward = new StepTrace.LayerForward[depth];
        StepTrace.LayerBackward[] backward = new StepTrace.LayerBackward[depth];
        for (int l = 0; l < depth; l++) {
            double[] input = pass.input[l].clone();
            double[] a = pass.a[l].clone();
            double[] f = pass.f[l].clone();
            forward[l] = new StepTrace.LayerForward(Vec.wrap(input), Vec.wrap(a), Vec.wrap(f));
            double[] dL_da = pass.dL_da[l].clone();
            Activation activation = layers.get(l).activation();
            Mat jacobian = activation.elementwise() ? null : Mat.of(activation.jacobian(a, f));
            Vec gradient = Vec.wrap(dL_da);
            backward[l] = new StepTrace.LayerBackward(Vec.wrap(pass.dL_df(l).clone()), Vec.wrap(pass.df_da[l].clone()),
                    gradient, dL_dW(dL_da, input, pass.masks[l]), gradient, Vec.wrap(pass.dL_dx[l].clone()), jacobian);
        }
        return new BatchTrace.Sample(x, y, List.of(forward), Vec.wrap(pass.terms.clone()), sampleLoss,
                List.of(backward));
    }

    /** ∂L/∂W = ∂L/∂a · xᵀ; a masked weight does not exist, so it has no gradient. */
    private static Mat dL_dW(double[] dL_da, double[] input, double[] mask) {
        if (mask == null) return Mat.outer(dL_da, input);
        int r = dL_da.length;
        double[] g = new double[mask.length];
        for (int k = 0; k < mask.length; k++) {
            if (mask[k] != 0) g[k] = dL_da[k % r] * input[k / r];
        }
        return Mat.ofColumns(r, input.length, g);
    }

    /** x and y fit the network, and y is a target the loss takes. */
    void checkSample(Network network, double[] x, double[] y) {
        if (x.length != network.inputs()) {
            throw new IllegalArgumentException("x has " + x.length + " values; the network takes " + network.inputs());
        }
        if (y.length != network.outputs()) {
            throw new IllegalArgumentException("y has " + y.length + " values; the network gives " + network.outputs());
        }
        loss.problemWithTarget(y).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** Bulk training from {@code start}: the same numbers as {@link #step(Network, List, List)}, nothing recorded. */
    public Trainer trainer(Network start) {
        return new Trainer(this, start);
    }

    /** Mean loss over a dataset, with one batched forward pass. Rows of {@code xs} and {@code ys} are samples. */
    public double meanLoss(Network network, double[][] xs, double[][] ys) {
        return meanLoss(loss, network, xs, ys);
    }

    /**
     * What training minimises, over a dataset: the mean data loss, plus λR of the weights with regularization
     * (exactly the mean loss without).
     */
    public double meanObjective(Network network, double[][] xs, double[][] ys) {
        double mean = meanLoss(network, xs, ys);
        return regularization.none() ? mean : mean + regularization.lambda() * regularization.penalty(network);
    }

    public static double meanLoss(Loss loss, Network network, double[][] xs, double[][] ys) {
        if (xs.length == 0) return 0;
        DoubleMatrix predictions = network.predictBatch(new DoubleMatrix(xs).transpose());
        double total = 0;
        double[] yHat = new double[predictions.rows];
        for (int s = 0; s < xs.length; s++) {
            System.arraycopy(predictions.data, s * predictions.rows, yHat, 0, yHat.length);
            total += loss.total(yHat, ys[s]);
        }
        return total / xs.length;
    }

    /** Wᵀv, summed as the step sums it ({@link Loops#transposedTimes}). */
    static double[] transposedTimes(DoubleMatrix w, double[] v) {
        double[] product = new double[w.columns];
        Loops.transposedTimes(w.data, w.rows, w.columns, v, product);
        return product;
    }
}

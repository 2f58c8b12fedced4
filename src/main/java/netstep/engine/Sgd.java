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

    /** One step on the batch (xs[s], ys[s]), recording each sample's numbers, their means and the update. */
    public BatchTrace step(Network network, List<Vec> xs, List<Vec> ys) {
        if (xs.isEmpty() || xs.size() != ys.size()) {
            throw new IllegalArgumentException("a batch needs at least one sample, each with an x and a y");
        }
        for (int s = 0; s < xs.size(); s++) checkSample(network, xs.get(s).values(), ys.get(s).values());
        List<Layer> layers = network.layers();
        int depth = layers.size();
        int batchSize = xs.size();
        double[][] w = new double[depth][];
        double[][] b = new double[depth][];
        for (int l = 0; l < depth; l++) {
            w[l] = layers.get(l).w().data;
            b[l] = layers.get(l).b().data;
        }
        Backprop pass = new Backprop(loss, layers);
        List<BatchTrace.Sample> samples = new ArrayList<>(batchSize);
        for (int s = 0; s < batchSize; s++) {
            double[] x = xs.get(s).values();
            double sampleLoss = pass.sample(w, b, x, ys.get(s).values(), s, true);
            samples.add(record(pass, layers, xs.get(s), ys.get(s), sampleLoss));
        }
        double dataLoss = pass.dataLoss(batchSize);
        double penalty = regularization.penalty(w);
        double lambdaR = regularization.lambda() * penalty;
        double total = regularization.none() ? dataLoss : dataLoss + lambdaR;
        double[][] newW = new double[depth][];
        double[][] newB = new double[depth][];
        double[][] totals = new double[depth][];
        for (int l = 0; l < depth; l++) {
            newW[l] = new double[w[l].length];
            newB[l] = new double[b[l].length];
            totals[l] = new double[w[l].length];
        }
        boolean finite = pass.update(w, b, newW, newB, batchSize, total, regularization, learningRate, trainBiases,
                totals);
        List<BatchTrace.LayerGradient> gradients = new ArrayList<>(depth);
        Layer[] updated = new Layer[depth];
        for (int l = 0; l < depth; l++) {
            Layer layer = layers.get(l);
            int r = layer.outputs();
            int c = layer.inputs();
            double[] lambdaDR = new double[w[l].length];
            for (int k = 0; k < lambdaDR.length; k++) {
                lambdaDR[k] = regularization.lambda() * regularization.derivative(w[l][k]);
            }
            gradients.add(new BatchTrace.LayerGradient(Mat.ofColumns(r, c, pass.gW[l].clone()),
                    Vec.wrap(pass.gb[l].clone()), Mat.ofColumns(r, c, lambdaDR), Mat.ofColumns(r, c, totals[l])));
            updated[l] = new Layer(new DoubleMatrix(r, c, newW[l]), new DoubleMatrix(newB[l]), layer.activation(),
                    layer.maskMatrix());
        }
        return new BatchTrace(samples, loss, dataLoss, regularization, penalty, gradients, learningRate,
                trainBiases, network, new Network(List.of(updated)), !finite);
    }

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
            double[] mask = pass.masks[l];
            Mat dL_dW;
            if (mask == null) {
                dL_dW = Mat.outer(dL_da, input);
            } else {
                // a masked weight does not exist: no gradient
                int r = pass.rows[l];
                double[][] g = new double[r][pass.columns[l]];
                for (int k = 0; k < mask.length; k++) {
                    if (mask[k] != 0) g[k % r][k / r] = dL_da[k % r] * input[k / r];
                }
                dL_dW = Mat.of(g);
            }
            Activation activation = layers.get(l).activation();
            Mat jacobian = activation.elementwise() ? null : Mat.of(activation.jacobian(a, f));
            Vec gradient = Vec.wrap(dL_da);
            backward[l] = new StepTrace.LayerBackward(Vec.wrap(pass.dL_df(l).clone()), Vec.wrap(pass.df_da[l].clone()),
                    gradient, dL_dW, gradient, Vec.wrap(pass.dL_dx[l].clone()), jacobian);
        }
        return new BatchTrace.Sample(x, y, List.of(forward), Vec.wrap(pass.terms.clone()), sampleLoss,
                List.of(backward));
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

    /**
     * Wᵀv: each column's dot product with v, summed in order. A sum's every addition waits for the previous one,
     * so four columns are summed side by side, which keeps the adder busy (and the numbers the same).
     */
    static double[] transposedTimes(DoubleMatrix w, double[] v) {
        double[] product = new double[w.columns];
        transposedTimes(w.data, w.rows, w.columns, v, product);
        return product;
    }

    /** Wᵀv into {@code product}, W given column by column (rows × columns). */
    static void transposedTimes(double[] data, int rows, int columns, double[] v, double[] product) {
        int i = 0;
        for (; i + 4 <= columns; i += 4) {
            int c0 = i * rows;
            int c1 = c0 + rows;
            int c2 = c1 + rows;
            int c3 = c2 + rows;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < rows; j++) {
                double vj = v[j];
                s0 += data[c0 + j] * vj;
                s1 += data[c1 + j] * vj;
                s2 += data[c2 + j] * vj;
                s3 += data[c3 + j] * vj;
            }
            product[i] = s0;
            product[i + 1] = s1;
            product[i + 2] = s2;
            product[i + 3] = s3;
        }
        for (; i < columns; i++) {
            int column = i * rows;
            double sum = 0;
            for (int j = 0; j < rows; j++) sum += data[column + j] * v[j];
            product[i] = sum;
        }
    }
}

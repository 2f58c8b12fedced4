package netstep.engine;

import org.jblas.DoubleMatrix;

import java.util.List;

/**
 * Bulk training without a trace: the arithmetic of {@link Sgd#step(Network, List, List)} ({@link Backprop}, the
 * same code; a batch of one through {@link SampleStep}'s fused loops where they cover the network, the same
 * operations in the same order), on parameters kept in two sets of arrays that take turns as old and new, so a step
 * allocates nothing. A step that overflows is not applied. Not thread-safe: one trainer per run.
 */
public final class Trainer {
    private final Sgd sgd;
    private final Network shape;
    private final Backprop pass;
    /** The fused one-sample step where it covers the network and settings, else null. */
    private final SampleStep single;
    private DoubleMatrix[] w;
    private DoubleMatrix[] b;
    private DoubleMatrix[] nextW;
    private DoubleMatrix[] nextB;
    private double lastLoss = Double.NaN;

    Trainer(Sgd sgd, Network start) {
        this.sgd = sgd;
        this.shape = start;
        List<Layer> layers = start.layers();
        int depth = layers.size();
        pass = new Backprop(sgd.loss(), layers);
        single = SampleStep.covers(sgd, layers) ? new SampleStep(sgd, layers) : null;
        w = new DoubleMatrix[depth];
        b = new DoubleMatrix[depth];
        nextW = new DoubleMatrix[depth];
        nextB = new DoubleMatrix[depth];
        for (int l = 0; l < depth; l++) {
            w[l] = layers.get(l).w().dup();
            b[l] = layers.get(l).b().dup();
            nextW[l] = new DoubleMatrix(w[l].rows, w[l].columns);
            nextB[l] = new DoubleMatrix(b[l].rows, 1);
        }
    }

    /** Checks every sample once, as the traced step checks each one it takes. */
    public void checkSamples(double[][] xs, double[][] ys) {
        if (xs.length != ys.length) throw new IllegalArgumentException("every sample needs an x and a y");
        for (int s = 0; s < xs.length; s++) sgd.checkSample(shape, xs[s], ys[s]);
    }

    /** One step on the single sample (x, y); see {@link #step(double[][], double[][], int[], int)}. */
    public boolean step(double[] x, double[] y) {
        if (single != null) return stepSingle(x, y);
        pass.sample(w, b, x, y, 0);
        return finish(1);
    }

    /**
     * One step on the batch of samples {@code indices[0, size)} of xs and ys (not checked: see
     * {@link #checkSamples}).
     * @return false when the step overflowed; the parameters are then left as they were
     */
    public boolean step(double[][] xs, double[][] ys, int[] indices, int size) {
        if (size == 1 && single != null) return stepSingle(xs[indices[0]], ys[indices[0]]);
        for (int s = 0; s < size; s++) pass.sample(w, b, xs[indices[s]], ys[indices[s]], s);
        return finish(size);
    }

    private boolean stepSingle(double[] x, double[] y) {
        if (!single.step(w, b, nextW, nextB, x, y)) return false;
        swap();
        lastLoss = single.loss();
        return true;
    }

    private boolean finish(int batchSize) {
        Regularization regularization = sgd.regularization();
        double dataLoss = pass.dataLoss(batchSize);
        double total = regularization.none() ? dataLoss
                : dataLoss + regularization.lambda() * regularization.penalty(w);
        boolean finite = pass.update(w, b, nextW, nextB, batchSize, total, sgd, null);
        if (!finite) return false;
        swap();
        lastLoss = total;
        return true;
    }

    /** The new parameters become the parameters; the old ones' arrays take the next step's new ones. */
    private void swap() {
        DoubleMatrix[] t = w;
        w = nextW;
        nextW = t;
        t = b;
        b = nextB;
        nextB = t;
    }

    /** The loss (L + λR) of the last step applied. */
    public double lastLoss() {
        return lastLoss;
    }

    /** The parameters now, as an immutable network. */
    public Network network() {
        List<Layer> layers = shape.layers();
        Layer[] now = new Layer[layers.size()];
        for (int l = 0; l < now.length; l++) {
            Layer layer = layers.get(l);
            now[l] = new Layer(w[l].dup(), b[l].dup(), layer.activation(), layer.maskMatrix());
        }
        return new Network(List.of(now));
    }
}

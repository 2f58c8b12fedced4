package netstep.engine;

import org.jblas.DoubleMatrix;

import java.util.List;

/**
 * The per-sample SGD step exactly as it was before mini-batches and regularization (copied from Sgd at
 * 382af43), kept so that tests can check that a batch of one still gives these numbers bit for bit.
 */
final class TodaysSgd {
    private final Loss loss;
    private final double learningRate;
    private final boolean trainBiases;

    TodaysSgd(Loss loss, double learningRate, boolean trainBiases) {
        this.loss = loss;
        this.learningRate = learningRate;
        this.trainBiases = trainBiases;
    }

    /** Forward, loss, backward and update for one sample (x, y). */
    public StepTrace step(Network network, Vec x, Vec y) {
        if (x.size() != network.inputs()) {
            throw new IllegalArgumentException("x has " + x.size() + " values; the network takes " + network.inputs());
        }
        if (y.size() != network.outputs()) {
            throw new IllegalArgumentException("y has " + y.size() + " values; the network gives " + network.outputs());
        }
        List<Layer> layers = network.layers();
        int depth = layers.size();

        // Each number is computed once, straight into the array the trace keeps (wrapped, never copied):
        // the trace is the step's only output, so there is nothing to copy and no scratch buffer to reuse.

        // 1. forward: keep each layer's input, a and f for the backward pass and the trace
        StepTrace.LayerForward[] forward = new StepTrace.LayerForward[depth];
        DoubleMatrix signal = new DoubleMatrix(x.toArray());
        for (int l = 0; l < depth; l++) {
            Layer layer = layers.get(l);
            DoubleMatrix a = layer.preActivation(signal);
            DoubleMatrix f = layer.activate(a);
            forward[l] = new StepTrace.LayerForward(Vec.wrap(signal.data), Vec.wrap(a.data), Vec.wrap(f.data));
            signal = f;
        }

        // 2. loss, and ∂L/∂ŷ which starts the backward pass
        double[] yHat = signal.data;
        double[] target = y.toArray();
        loss.problemWithTarget(target).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        double[] terms;
        Layer last = layers.get(depth - 1);
        if (loss == Loss.CROSS_ENTROPY && last.activation().kind() == Activation.Kind.SOFTMAX) {
            // log ŷ from a, not from ŷ: finite even where ŷₖ underflows to 0
            double[] logYHat = Activation.logSoftmax(forward[depth - 1].a().values());
            terms = new double[target.length];
            for (int k = 0; k < target.length; k++) terms[k] = target[k] == 0 ? 0 : -target[k] * logYHat[k];
        } else {
            terms = loss.terms(yHat, target);
        }
        double total = 0;
        for (double t : terms) total += t;
        double[] dL_df = loss.gradient(yHat, target);

        // 3. backward, last layer first: the chain rule ∂L/∂W = ∂L/∂f · ∂f/∂a · ∂a/∂W
        StepTrace.LayerBackward[] backward = new StepTrace.LayerBackward[depth];
        Layer[] updated = new Layer[depth];
        for (int l = depth - 1; l >= 0; l--) {
            Layer layer = layers.get(l);
            double[] a = forward[l].a().values();
            double[] f = forward[l].f().values();
            double[] input = forward[l].input().values();
            int neurons = a.length;
            double[] df_da = new double[neurons];
            double[] dL_da = new double[neurons];
            Mat jacobian = null;
            if (layer.activation().elementwise()) {
                for (int j = 0; j < neurons; j++) {
                    df_da[j] = layer.activation().derivative(a[j], f[j]);
                    dL_da[j] = dL_df[j] * df_da[j];
                }
            } else {
                // softmax: every f_k depends on every a_j, so ∂L/∂a = Jᵀ ∂L/∂f with J = diag(ŷ) − ŷŷᵀ (symmetric)
                double[][] jac = layer.activation().jacobian(a, f);
                for (int j = 0; j < neurons; j++) {
                    df_da[j] = jac[j][j];
                    double sum = 0;
                    for (int k = 0; k < neurons; k++) sum += jac[k][j] * dL_df[k];
                    dL_da[j] = sum;
                }
                jacobian = Mat.of(jac);
            }
            // 4. update θ ← θ − η∇θ (computed here, shown last): a pass over W that the JIT compiles to SIMD
            DoubleMatrix w = layer.w();
            DoubleMatrix mask = layer.maskMatrix();
            DoubleMatrix newW = new DoubleMatrix(w.rows, w.columns);
            for (int i = 0; i < w.columns; i++) {
                int column = i * w.rows;
                double x_i = input[i];
                for (int j = 0; j < w.rows; j++) {
                    newW.data[column + j] = w.data[column + j] - (dL_da[j] * x_i) * learningRate;
                }
            }
            Mat dL_dW;
            if (mask == null) {
                dL_dW = Mat.outer(dL_da, input);
            } else {
                // a masked weight does not exist: no gradient, and it stays exactly 0
                double[][] g = new double[w.rows][w.columns];
                for (int k = 0; k < mask.length; k++) {
                    int j = k % w.rows;
                    int i = k / w.rows;
                    if (mask.data[k] == 0) {
                        newW.data[k] = 0;
                    } else {
                        g[j][i] = dL_da[j] * input[i];
                    }
                }
                dL_dW = Mat.of(g);
            }
            double[] dL_dx = Sgd.transposedTimes(w, dL_da);
            DoubleMatrix newB = new DoubleMatrix(neurons);
            for (int j = 0; j < neurons; j++) {
                newB.data[j] = trainBiases ? layer.b().data[j] - dL_da[j] * learningRate : layer.b().data[j];
            }
            Vec gradient = Vec.wrap(dL_da);
            backward[l] = new StepTrace.LayerBackward(Vec.wrap(dL_df), Vec.wrap(df_da), gradient,
                    dL_dW, gradient, Vec.wrap(dL_dx), jacobian);
            updated[l] = new Layer(newW, newB, layer.activation(), mask);
            dL_df = dL_dx;
        }

        return new StepTrace(x, y, List.of(forward), loss, Vec.wrap(terms), total, List.of(backward), learningRate,
                trainBiases, network, new Network(List.of(updated)));
    }

}

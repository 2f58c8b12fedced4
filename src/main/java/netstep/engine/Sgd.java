package netstep.engine;

import org.jblas.DoubleMatrix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Stochastic gradient descent, one sample at a time, recording every number of the step. */
public final class Sgd {
    private final Loss loss;
    private final double learningRate;
    private final boolean trainBiases;

    public Sgd(Loss loss, double learningRate) {
        this(loss, learningRate, true);
    }

    public Sgd(Loss loss, double learningRate, boolean trainBiases) {
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a positive number");
        }
        this.loss = loss;
        this.learningRate = learningRate;
        this.trainBiases = trainBiases;
    }

    public Loss loss() {
        return loss;
    }

    public double learningRate() {
        return learningRate;
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

        // 1. forward: keep each layer's input, a and f for the backward pass and the trace
        DoubleMatrix[] inputs = new DoubleMatrix[depth];
        DoubleMatrix[] as = new DoubleMatrix[depth];
        DoubleMatrix[] fs = new DoubleMatrix[depth];
        DoubleMatrix signal = new DoubleMatrix(x.toArray());
        for (int l = 0; l < depth; l++) {
            Layer layer = layers.get(l);
            inputs[l] = signal;
            as[l] = layer.preActivation(signal);
            fs[l] = layer.activate(as[l]);
            signal = fs[l];
        }

        // 2. loss, and ∂L/∂ŷ which starts the backward pass
        DoubleMatrix yHat = fs[depth - 1];
        double[] terms = new double[y.size()];
        double total = 0;
        DoubleMatrix dL_df = new DoubleMatrix(y.size());
        for (int k = 0; k < y.size(); k++) {
            terms[k] = loss.term(yHat.get(k), y.get(k));
            total += terms[k];
            dL_df.put(k, loss.gradient(yHat.get(k), y.get(k)));
        }

        // 3. backward, last layer first: the chain rule ∂L/∂W = ∂L/∂f · ∂f/∂a · ∂a/∂W
        StepTrace.LayerBackward[] backward = new StepTrace.LayerBackward[depth];
        List<Layer> updated = new ArrayList<>(Collections.nCopies(depth, null));
        for (int l = depth - 1; l >= 0; l--) {
            Layer layer = layers.get(l);
            DoubleMatrix a = as[l];
            DoubleMatrix f = fs[l];
            DoubleMatrix df_da = new DoubleMatrix(a.length);
            for (int j = 0; j < a.length; j++) {
                df_da.put(j, layer.activation().derivative(a.get(j), f.get(j)));
            }
            DoubleMatrix dL_da = dL_df.mul(df_da);
            DoubleMatrix dL_dW = outer(dL_da, inputs[l]);
            DoubleMatrix dL_dx = transposeTimes(layer.w(), dL_da);
            backward[l] = new StepTrace.LayerBackward(vec(dL_df), vec(df_da), vec(dL_da), Mat.copyOf(dL_dW),
                    vec(dL_da), vec(dL_dx));

            // 4. update θ ← θ − η∇θ (computed here, shown last)
            DoubleMatrix newW = layer.w().sub(dL_dW.muli(learningRate));
            DoubleMatrix newB = trainBiases ? layer.b().sub(dL_da.mul(learningRate)) : layer.b().dup();
            updated.set(l, new Layer(newW, newB, layer.activation()));
            dL_df = dL_dx;
        }

        List<StepTrace.LayerForward> forward = new ArrayList<>();
        for (int l = 0; l < depth; l++) {
            forward.add(new StepTrace.LayerForward(vec(inputs[l]), vec(as[l]), vec(fs[l])));
        }
        return new StepTrace(x, y, forward, loss, Vec.wrap(terms), total, List.of(backward), learningRate,
                trainBiases, network, new Network(updated));
    }

    /** Mean loss over a dataset, with one batched forward pass. Rows of {@code xs} and {@code ys} are samples. */
    public double meanLoss(Network network, double[][] xs, double[][] ys) {
        return meanLoss(loss, network, xs, ys);
    }

    public static double meanLoss(Loss loss, Network network, double[][] xs, double[][] ys) {
        if (xs.length == 0) return 0;
        DoubleMatrix predictions = network.predictBatch(new DoubleMatrix(xs).transpose());
        double total = 0;
        for (int s = 0; s < xs.length; s++) {
            for (int k = 0; k < predictions.rows; k++) {
                total += loss.term(predictions.get(k, s), ys[s][k]);
            }
        }
        return total / xs.length;
    }

    /** u vᵀ in Java: for one sample it is too small to be worth a native call. */
    private static DoubleMatrix outer(DoubleMatrix u, DoubleMatrix v) {
        DoubleMatrix m = new DoubleMatrix(u.length, v.length);
        for (int i = 0; i < v.length; i++) {
            double vi = v.data[i];
            int offset = i * u.length;
            for (int j = 0; j < u.length; j++) {
                m.data[offset + j] = u.data[j] * vi;
            }
        }
        return m;
    }

    /** Wᵀ g without materialising the transpose. */
    private static DoubleMatrix transposeTimes(DoubleMatrix w, DoubleMatrix g) {
        DoubleMatrix out = new DoubleMatrix(w.columns);
        for (int i = 0; i < w.columns; i++) {
            double sum = 0;
            int offset = i * w.rows;
            for (int j = 0; j < w.rows; j++) {
                sum += w.data[offset + j] * g.data[j];
            }
            out.data[i] = sum;
        }
        return out;
    }

    private static Vec vec(DoubleMatrix column) {
        return Vec.of(column.data);
    }
}

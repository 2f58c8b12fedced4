package netstep.bench;

import netstep.engine.Activation;
import netstep.engine.Layer;
import netstep.engine.Loss;
import netstep.engine.Network;

import java.util.List;

/**
 * The benchmarks' baseline: the engine's per-sample SGD step written as plain {@code double[]} loops, with no
 * jblas. It records the same numbers as a {@link netstep.engine.StepTrace} (every layer's input, a, f, the
 * gradients, ∂L/∂W and the new parameters, in fresh arrays) so that both sides do the same work.
 */
final class PlainSgd {
    /** One layer's parameters: w[j][i] from input i to neuron j. */
    record PlainLayer(double[][] w, double[] b, Activation activation) {
    }

    record LayerRecord(double[] input, double[] a, double[] f, double[] dL_df, double[] df_da, double[] dL_da,
                       double[][] dL_dW, double[] dL_dx) {
    }

    record Step(LayerRecord[] layers, double loss, PlainLayer[] after) {
    }

    private final Loss loss;
    private final double learningRate;

    PlainSgd(Loss loss, double learningRate) {
        this.loss = loss;
        this.learningRate = learningRate;
    }

    static PlainLayer[] copyOf(Network network) {
        List<Layer> layers = network.layers();
        PlainLayer[] plain = new PlainLayer[layers.size()];
        for (int l = 0; l < plain.length; l++) {
            Layer layer = layers.get(l);
            plain[l] = new PlainLayer(layer.weights().toArray(), layer.biases().toArray(), layer.activation());
        }
        return plain;
    }

    Step step(PlainLayer[] layers, double[] x, double[] y) {
        int depth = layers.length;
        double[][] inputs = new double[depth][];
        double[][] as = new double[depth][];
        double[][] fs = new double[depth][];
        double[] signal = x.clone();
        for (int l = 0; l < depth; l++) {
            PlainLayer layer = layers[l];
            int n = layer.b().length;
            double[] a = new double[n];
            double[] f = new double[n];
            for (int j = 0; j < n; j++) {
                double[] row = layer.w()[j];
                double sum = 0;
                for (int i = 0; i < row.length; i++) sum += row[i] * signal[i];
                a[j] = sum + layer.b()[j];
                f[j] = layer.activation().apply(a[j]);
            }
            inputs[l] = signal;
            as[l] = a;
            fs[l] = f;
            signal = f;
        }

        double[] yHat = fs[depth - 1];
        double total = 0;
        double[] dL_df = new double[y.length];
        for (int k = 0; k < y.length; k++) {
            total += loss.term(yHat[k], y[k]);
            dL_df[k] = loss.gradient(yHat[k], y[k]);
        }

        LayerRecord[] records = new LayerRecord[depth];
        PlainLayer[] after = new PlainLayer[depth];
        for (int l = depth - 1; l >= 0; l--) {
            PlainLayer layer = layers[l];
            double[][] w = layer.w();
            double[] input = inputs[l];
            int n = w.length;
            double[] df_da = new double[n];
            double[] dL_da = new double[n];
            for (int j = 0; j < n; j++) {
                df_da[j] = layer.activation().derivative(as[l][j], fs[l][j]);
                dL_da[j] = dL_df[j] * df_da[j];
            }
            double[][] dL_dW = new double[n][input.length];
            double[][] newW = new double[n][input.length];
            double[] newB = new double[n];
            double[] dL_dx = new double[input.length];
            for (int j = 0; j < n; j++) {
                double g = dL_da[j];
                double[] row = w[j];
                for (int i = 0; i < input.length; i++) {
                    dL_dW[j][i] = g * input[i];
                    newW[j][i] = row[i] - dL_dW[j][i] * learningRate;
                    dL_dx[i] += row[i] * g;
                }
                newB[j] = layer.b()[j] - g * learningRate;
            }
            records[l] = new LayerRecord(input.clone(), as[l].clone(), fs[l].clone(), dL_df, df_da, dL_da, dL_dW,
                    dL_dx.clone());
            after[l] = new PlainLayer(newW, newB, layer.activation());
            dL_df = dL_dx;
        }
        return new Step(records, total, after);
    }
}

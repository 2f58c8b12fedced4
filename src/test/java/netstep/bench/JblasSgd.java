package netstep.bench;

import netstep.engine.Activation;
import netstep.engine.Layer;
import netstep.engine.Loss;
import netstep.engine.Network;
import org.jblas.DoubleMatrix;

/**
 * The untraced SGD step (batch 1) written with jblas's operations, as the design first had it: W.mmul(x).addi(b)
 * forward, Wᵀ.mmul(∂L/∂a) and ∂L/∂a.mmul(xᵀ) backward, subi for the update. The engine's {@code Loops} are
 * measured against it (JblasStepBenchmark); f and f' stay per element through {@link Activation}, as in the engine.
 */
final class JblasSgd {
    private final DoubleMatrix[] w;
    private final DoubleMatrix[] b;
    private final Activation[] activations;
    private final Loss loss;
    private final double learningRate;
    private final boolean softmaxCrossEntropy;

    JblasSgd(Network network, Loss loss, double learningRate) {
        int depth = network.depth();
        w = new DoubleMatrix[depth];
        b = new DoubleMatrix[depth];
        activations = new Activation[depth];
        for (int l = 0; l < depth; l++) {
            Layer layer = network.layer(l);
            w[l] = new DoubleMatrix(layer.weights().toArray());
            b[l] = new DoubleMatrix(layer.biases().toArray());
            activations[l] = layer.activation();
        }
        this.loss = loss;
        this.learningRate = learningRate;
        softmaxCrossEntropy = loss == Loss.CROSS_ENTROPY && activations[depth - 1].kind() == Activation.Kind.SOFTMAX;
    }

    /** Forward, loss, backward and update for (x, y). @return the loss */
    double step(double[] xValues, double[] yValues) {
        int depth = w.length;
        DoubleMatrix[] inputs = new DoubleMatrix[depth];
        DoubleMatrix[] as = new DoubleMatrix[depth];
        DoubleMatrix[] fs = new DoubleMatrix[depth];
        DoubleMatrix signal = new DoubleMatrix(xValues);
        for (int l = 0; l < depth; l++) {
            inputs[l] = signal;
            as[l] = w[l].mmul(signal).addi(b[l]);
            fs[l] = activate(activations[l], as[l]);
            signal = fs[l];
        }
        DoubleMatrix y = new DoubleMatrix(yValues);
        double total = loss.total(signal.data, yValues);
        // softmax with cross-entropy: ∂L/∂a = ŷ − y; otherwise ∂L/∂ŷ, then ⊙ f'(a) below
        DoubleMatrix upstream = softmaxCrossEntropy ? signal.sub(y)
                : new DoubleMatrix(loss.gradient(signal.data, yValues));
        for (int l = depth - 1; l >= 0; l--) {
            DoubleMatrix dL_da = l == depth - 1 && softmaxCrossEntropy ? upstream
                    : upstream.mul(derivative(activations[l], as[l], fs[l]));
            if (l > 0) upstream = w[l].transpose().mmul(dL_da);
            w[l].subi(dL_da.mmul(inputs[l].transpose()).muli(learningRate));
            b[l].subi(dL_da.mul(learningRate));
        }
        return total;
    }

    /** Layer l's weight from input i to neuron j now. */
    double weight(int l, int j, int i) {
        return w[l].get(j, i);
    }

    private static DoubleMatrix activate(Activation activation, DoubleMatrix a) {
        if (!activation.elementwise()) return new DoubleMatrix(activation.apply(a.data));
        DoubleMatrix f = new DoubleMatrix(a.rows, 1);
        for (int j = 0; j < a.length; j++) f.data[j] = activation.apply(a.data[j]);
        return f;
    }

    private static DoubleMatrix derivative(Activation activation, DoubleMatrix a, DoubleMatrix f) {
        DoubleMatrix d = new DoubleMatrix(a.rows, 1);
        for (int j = 0; j < a.length; j++) d.data[j] = activation.derivative(a.data[j], f.data[j]);
        return d;
    }
}

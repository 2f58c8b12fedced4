package netstep.engine;

import org.jblas.DoubleMatrix;

import java.util.Optional;

/**
 * Stacked linear layers are one linear layer: W = W_L ⋯ W_2 W_1 and b = W_L(⋯(W_2 b_1 + b_2)⋯) + b_L.
 * The lecture's "can be expressed as a single linear layer", and why nonlinearities are needed.
 */
public record LinearCollapse(Mat weights, Vec biases) {

    /** The single equivalent layer, when every layer's activation is the identity. */
    public static Optional<LinearCollapse> of(Network network) {
        if (!network.layers().stream().allMatch(l -> l.activation().kind() == Activation.Kind.IDENTITY)) {
            return Optional.empty();
        }
        DoubleMatrix w = network.layer(0).w().dup();
        DoubleMatrix b = network.layer(0).b().dup();
        for (int l = 1; l < network.depth(); l++) {
            Layer layer = network.layer(l);
            w = MatrixProducts.multiply(layer.w(), w);
            b = layer.w().mmul(b).addi(layer.b());
        }
        return Optional.of(new LinearCollapse(Mat.copyOf(w), Vec.wrap(b.data)));
    }

    public ParameterCount parameterCount() {
        return ParameterCount.of(java.util.List.of(weights.columns(), weights.rows()));
    }

    public Vec apply(Vec x) {
        double[] out = new double[weights.rows()];
        for (int j = 0; j < out.length; j++) {
            double sum = biases.get(j);
            for (int i = 0; i < weights.columns(); i++) sum += weights.get(j, i) * x.get(i);
            out[j] = sum;
        }
        return Vec.wrap(out);
    }
}

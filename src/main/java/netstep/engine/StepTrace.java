package netstep.engine;

import java.util.List;

/**
 * Everything one SGD step on one sample computed, in the order a student reads it:
 * the forward pass per layer, the loss, backpropagation per layer, and the parameters before and after
 * θ ← θ − η∇θ. Immutable; views render it and never redo the math.
 *
 * @param forward  one entry per layer, in layer order
 * @param lossTerms each output's contribution to the loss
 * @param backward one entry per layer, in layer order (computed last to first)
 */
public record StepTrace(
        Vec x,
        Vec y,
        List<LayerForward> forward,
        Loss lossFunction,
        Vec lossTerms,
        double loss,
        List<LayerBackward> backward,
        double learningRate,
        boolean biasesTrained,
        Network before,
        Network after) {

    /** Layer l's forward pass: input x (the previous layer's f), a = Wx + b, f = f(a). */
    public record LayerForward(Vec input, Vec a, Vec f) {
    }

    /**
     * Layer l's backward pass by the chain rule: ∂L/∂a = ∂L/∂f ⊙ ∂f/∂a, ∂L/∂W = ∂L/∂a · xᵀ,
     * ∂L/∂b = ∂L/∂a, and ∂L/∂x = Wᵀ ∂L/∂a, which is the previous layer's ∂L/∂f.
     * For softmax, ∂f/∂a is a full matrix J = diag(ŷ) − ŷŷᵀ ({@code jacobian}; null for element-wise f, whose
     * Jacobian is diagonal) and ∂L/∂a = Jᵀ ∂L/∂f; {@code df_da} then holds J's diagonal.
     */
    public record LayerBackward(Vec dL_df, Vec df_da, Vec dL_da, Mat dL_dW, Vec dL_db, Vec dL_dx, Mat jacobian) {
        public LayerBackward(Vec dL_df, Vec df_da, Vec dL_da, Mat dL_dW, Vec dL_db, Vec dL_dx) {
            this(dL_df, df_da, dL_da, dL_dW, dL_db, dL_dx, null);
        }
    }

    public StepTrace {
        forward = List.copyOf(forward);
        backward = List.copyOf(backward);
    }

    public Vec prediction() {
        return forward.get(forward.size() - 1).f();
    }

    /**
     * What this step's prediction would cost under another loss: Σ over the outputs of its terms; NaN when
     * y is not a target that loss accepts (a probability vector, one-hot).
     */
    public double lossUnder(Loss other) {
        double[] target = y.toArray();
        if (other.problemWithTarget(target).isPresent()) return Double.NaN;
        return other.total(prediction().toArray(), target);
    }

    /**
     * True when any number of the step overflowed, or the updated parameters left ±{@link Bounds#MAX_MAGNITUDE}:
     * training diverged and the update must not be applied. Parameters stay within the bounds every door checks,
     * so whatever the app saves, it can load again.
     */
    public boolean diverged() {
        return !Double.isFinite(loss) || !after.allWithinBounds()
                || forward.stream().anyMatch(l -> !l.f().allFinite() || !l.a().allFinite())
                || backward.stream().anyMatch(l -> !l.dL_da().allFinite() || !l.dL_dW().allFinite());
    }

    /** The loss on this sample after the update: a forward pass with the new parameters (what the step bought). */
    public double lossAfterUpdate() {
        return lossFunction.total(after.predict(x).toArray(), y.toArray());
    }

    /** The largest |new − old| over every weight and bias of the update. */
    public double largestChange() {
        double largest = 0;
        for (int l = 0; l < before.depth(); l++) {
            Layer b = before.layer(l);
            Layer a = after.layer(l);
            for (int j = 0; j < b.outputs(); j++) {
                largest = Math.max(largest, Math.abs(a.bias(j) - b.bias(j)));
                for (int i = 0; i < b.inputs(); i++) {
                    largest = Math.max(largest, Math.abs(a.weight(j, i) - b.weight(j, i)));
                }
            }
        }
        return largest;
    }

    /** True when every parameter's gradient is exactly zero, so the update changes nothing. */
    public boolean gradientVanished() {
        return backward.stream().allMatch(l -> l.dL_da().allZero());
    }
}

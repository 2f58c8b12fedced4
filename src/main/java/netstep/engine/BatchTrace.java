package netstep.engine;

import java.util.List;

/**
 * Everything one gradient-descent step on a batch of b samples computed: each sample's forward pass, loss and
 * gradients; the data loss L = (1/b) Σₛ Lₛ; the penalty R, λR and the total L + λR; per layer the mean gradient
 * ∂L/∂W = (1/b) Σₛ ∂Lₛ/∂W (and ∂L/∂b), λ ∂R/∂W and their sum, which the update uses:
 * W ← W − η(∂L/∂W + λ ∂R/∂W), b ← b − η ∂L/∂b. Immutable; views render it and never redo the math.
 *
 * @param samples   in batch order
 * @param dataLoss  L, the mean of the samples' losses
 * @param penalty   R of the weights before the update (0 without regularization)
 * @param gradients one entry per layer, in layer order
 * @param diverged  some number of the step overflowed to ±∞ or NaN, or a new parameter left the bounds
 *                  ({@link Bounds}): the update must not be applied
 */
public record BatchTrace(
        List<Sample> samples,
        Loss lossFunction,
        double dataLoss,
        Regularization regularization,
        double penalty,
        List<LayerGradient> gradients,
        double learningRate,
        boolean biasesTrained,
        Network before,
        Network after,
        boolean diverged) {

    /** One sample of the batch: its forward pass, loss and backward pass, as a one-sample step records them. */
    public record Sample(Vec x, Vec y, List<StepTrace.LayerForward> forward, Vec lossTerms, double loss,
                         List<StepTrace.LayerBackward> backward) {
        public Sample {
            forward = List.copyOf(forward);
            backward = List.copyOf(backward);
        }

        public Vec prediction() {
            return forward.get(forward.size() - 1).f();
        }
    }

    /**
     * One layer's gradients as the update uses them: ∂L/∂W and ∂L/∂b averaged over the batch, λ ∂R/∂W, and
     * ∂(L + λR)/∂W = ∂L/∂W + λ ∂R/∂W. Biases are not regularized.
     */
    public record LayerGradient(Mat dL_dW, Vec dL_db, Mat lambda_dR_dW, Mat dTotal_dW) {
    }

    public BatchTrace {
        samples = List.copyOf(samples);
        gradients = List.copyOf(gradients);
    }

    /** λR, the regularization's share of the loss. */
    public double lambdaR() {
        return regularization.lambda() * penalty;
    }

    /** L + λR (L itself without regularization): the loss the update descends. */
    public double loss() {
        return regularization.none() ? dataLoss : dataLoss + lambdaR();
    }

    public int batchSize() {
        return samples.size();
    }

    /**
     * This step as a one-sample {@link StepTrace}: for a batch of one without regularization, where the mean
     * gradient is the sample's own and the trace has nothing more to show.
     */
    public StepTrace asStepTrace() {
        if (samples.size() != 1 || !regularization.none()) {
            throw new IllegalStateException("only a batch of one without regularization is a one-sample step");
        }
        Sample s = samples.get(0);
        return new StepTrace(s.x(), s.y(), s.forward(), lossFunction, s.lossTerms(),
                s.loss(), s.backward(), learningRate, biasesTrained, before, after);
    }
}

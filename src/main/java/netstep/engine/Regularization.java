package netstep.engine;

import java.util.Locale;

/**
 * A penalty R on the weights (never the biases) added to the data loss with strength λ: the step minimises
 * L + λR, so θ ← θ − η(∂L/∂θ + λ ∂R/∂θ). L2: R = ½ Σ w², ∂R/∂w = w ("weight decay"); L1: R = Σ |w|,
 * ∂R/∂w = sign(w), taken as 0 at w = 0.
 */
public record Regularization(Kind kind, double lambda) {
    public static final double MAX_LAMBDA = 10;

    public enum Kind {
        NONE("none", "none", "R = 0"),
        L2("l2", "L2", "R = ½ Σ w²"),
        L1("l1", "L1", "R = Σ |w|");

        public final String id;
        public final String label;
        public final String formula;

        Kind(String id, String label, String formula) {
            this.id = id;
            this.label = label;
            this.formula = formula;
        }

        public static Kind fromId(String id) {
            return Ids.fromId(values(), k -> k.id, id, "regularization");
        }
    }

    public static final Regularization NONE = new Regularization(Kind.NONE, 0);

    public Regularization {
        if (kind == Kind.NONE) lambda = 0;
        if (!(lambda >= 0 && lambda <= MAX_LAMBDA)) {
            throw new IllegalArgumentException("the regularization strength λ must be a number from 0 to "
                    + (int) MAX_LAMBDA + ", not " + lambda);
        }
    }

    public static Regularization l2(double lambda) {
        return new Regularization(Kind.L2, lambda);
    }

    public static Regularization l1(double lambda) {
        return new Regularization(Kind.L1, lambda);
    }

    public boolean none() {
        return kind == Kind.NONE;
    }

    /** ∂R/∂w at one weight. */
    public double derivative(double w) {
        return switch (kind) {
            case NONE -> 0;
            case L2 -> w;
            // Math.signum(0) is 0: the lecture's convention for |w| at its kink
            case L1 -> Math.signum(w);
        };
    }

    /** R of one network's weights. */
    public double penalty(Network network) {
        return penalty(Sgd.weightsOf(network.layers()));
    }

    /** R over each layer's weights (any layout; the sum runs in array order, the same for every caller). */
    double penalty(org.jblas.DoubleMatrix[] weights) {
        if (kind == Kind.NONE) return 0;
        double sum = 0;
        for (org.jblas.DoubleMatrix w : weights) {
            // a loop, not jblas's dot / norm1: the sum must run in array order, the same for every caller
            if (kind == Kind.L2) {
                for (double v : w.data) sum += v * v;
            } else {
                for (double v : w.data) sum += Math.abs(v);
            }
        }
        return kind == Kind.L2 ? 0.5 * sum : sum;
    }

    /** e.g. "L2, λ = 0.01". */
    public String label() {
        return none() ? "none" : kind.label + ", λ = " + String.format(Locale.ROOT, "%s", lambda);
    }
}

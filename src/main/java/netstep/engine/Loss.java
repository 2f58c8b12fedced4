package netstep.engine;

/**
 * A loss L(ŷ, y) written as a sum of one term per output, with its gradient ∂L/∂ŷ.
 * Zero-one loss has no useful gradient: it is 0 almost everywhere. Multi-class hinge's term for output j
 * depends on the true class's score ŷ_c too, so its terms and gradient are computed on whole vectors
 * ({@link #terms}, {@link #gradient(double[], double[])}); the terms still sum to L.
 */
public enum Loss {
    L2("l2", "L2", "L = Σ ½(y − ŷ)²"),
    L1("l1", "L1", "L = Σ |ŷ − y|"),
    HINGE("hinge", "hinge", "L = Σ max(0, 1 − y·ŷ)"),
    ZERO_ONE("zero_one", "zero-one", "L = Σ 1[ŷ ≠ y]"),
    CROSS_ENTROPY("cross_entropy", "cross-entropy", "L = −Σₖ yₖ log ŷₖ"),
    MULTICLASS_HINGE("multiclass_hinge", "multi-class hinge (SVM)", "L = Σⱼ≠c max(0, ŷⱼ − ŷc + 1)");

    /** How far from 1 a probability vector's sum may be. */
    public static final double PROBABILITY_SUM_TOLERANCE = 1e-9;

    public final String id;
    public final String label;
    public final String formula;

    Loss(String id, String label, String formula) {
        this.id = id;
        this.label = label;
        this.formula = formula;
    }

    public static Loss fromId(String id) {
        return Ids.fromId(values(), l -> l.id, id, "loss");
    }

    /** The contribution of one output to L; multi-class hinge has none on its own (see {@link #terms}). */
    public double term(double yHat, double y) {
        switch (this) {
            // 0·log 0 = 0; ŷ = 0 where y > 0 would be log 0 = −∞: floored at the least positive double (−744.4)
            case CROSS_ENTROPY: return y == 0 ? 0 : -y * Math.log(Math.max(yHat, Double.MIN_VALUE));
            case MULTICLASS_HINGE: throw new UnsupportedOperationException("multi-class hinge needs the whole vector");
            case L2: return 0.5 * (y - yHat) * (y - yHat);
            case L1: return Math.abs(yHat - y);
            case HINGE: return Math.max(0, 1 - y * yHat);
            case ZERO_ONE: return yHat != y ? 1 : 0;
            default: throw new AssertionError(this);
        }
    }

    /** ∂L/∂ŷ for one output; multi-class hinge has none on its own. */
    public double gradient(double yHat, double y) {
        switch (this) {
            case CROSS_ENTROPY: return y == 0 ? 0 : -y / Math.max(yHat, Double.MIN_VALUE);
            case MULTICLASS_HINGE: throw new UnsupportedOperationException("multi-class hinge needs the whole vector");
            case L2: return yHat - y;
            case L1: return Math.signum(yHat - y);
            case HINGE: return 1 - y * yHat > 0 ? -y : 0;
            case ZERO_ONE: return 0;
            default: throw new AssertionError(this);
        }
    }

    /** Each output's term of L, which sum to L. For multi-class hinge, term c (the true class) is 0. */
    public double[] terms(double[] yHat, double[] y) {
        double[] terms = new double[y.length];
        if (this == MULTICLASS_HINGE) {
            int c = trueClass(y);
            for (int j = 0; j < y.length; j++) {
                // a margin of exactly 0 counts 0 (max(0, 0) = 0), and gets no gradient either
                if (j != c) terms[j] = Math.max(0, yHat[j] - yHat[c] + 1);
            }
            return terms;
        }
        for (int k = 0; k < y.length; k++) terms[k] = term(yHat[k], y[k]);
        return terms;
    }

    /** L: the sum of {@link #terms}. */
    public double total(double[] yHat, double[] y) {
        double total = 0;
        for (double t : terms(yHat, y)) total += t;
        return total;
    }

    /**
     * ∂L/∂ŷ. For multi-class hinge: +1 for each j ≠ c whose margin ŷⱼ − ŷc + 1 is positive, and −(their count)
     * for c, since ŷc appears in every one of those terms.
     */
    public double[] gradient(double[] yHat, double[] y) {
        double[] g = new double[y.length];
        if (this == MULTICLASS_HINGE) {
            int c = trueClass(y);
            for (int j = 0; j < y.length; j++) {
                if (j != c && yHat[j] - yHat[c] + 1 > 0) {
                    g[j] = 1;
                    g[c] -= 1;
                }
            }
            return g;
        }
        for (int k = 0; k < y.length; k++) g[k] = gradient(yHat[k], y[k]);
        return g;
    }

    /** What this loss asks of a target y, if y breaks it: cross-entropy a probability vector, multi-class hinge one-hot. */
    public java.util.Optional<String> problemWithTarget(double[] y) {
        if (this == CROSS_ENTROPY) {
            double sum = 0;
            for (double v : y) {
                if (!(v >= 0 && v <= 1)) {
                    return java.util.Optional.of("cross_entropy needs y to be a probability vector: every entry in "
                            + "[0, 1], but one is " + v);
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
                return java.util.Optional.of("cross_entropy needs y to be a probability vector summing to 1 (within "
                        + PROBABILITY_SUM_TOLERANCE + "), but its entries sum to " + sum);
            }
        } else if (this == MULTICLASS_HINGE && oneHotIndex(y) < 0) {
            return java.util.Optional.of("multiclass_hinge needs y to be one-hot: exactly one entry 1 (the true class) "
                    + "and every other 0");
        }
        return java.util.Optional.empty();
    }

    /** Cross-entropy reads ŷ as probabilities, which only softmax guarantees. */
    public boolean needsSoftmax() {
        return this == CROSS_ENTROPY;
    }

    /** The index of the single 1 of a one-hot vector, or −1 when y is not one-hot. */
    public static int oneHotIndex(double[] y) {
        int index = -1;
        for (int k = 0; k < y.length; k++) {
            if (y[k] == 1) {
                if (index >= 0) return -1;
                index = k;
            } else if (y[k] != 0) {
                return -1;
            }
        }
        return index;
    }

    private static int trueClass(double[] y) {
        int c = oneHotIndex(y);
        if (c < 0) throw new IllegalArgumentException("multi-class hinge needs a one-hot y");
        return c;
    }

    public boolean hasGradient() {
        return this != ZERO_ONE;
    }

    /** The gradient formula for one output, as shown on the backprop phase. */
    public String gradientFormula() {
        switch (this) {
            case L2: return "∂L/∂ŷ = ŷ − y";
            case L1: return "∂L/∂ŷ = sign(ŷ − y)";
            case HINGE: return "∂L/∂ŷ = −y if 1 − y·ŷ > 0, else 0";
            case ZERO_ONE: return "∂L/∂ŷ = 0 (the loss is flat wherever it is defined)";
            case CROSS_ENTROPY: return "∂L/∂ŷₖ = −yₖ / ŷₖ (through softmax: ∂L/∂a = ŷ − y)";
            case MULTICLASS_HINGE: return "∂L/∂ŷⱼ = 1 if ŷⱼ − ŷc + 1 > 0 (j ≠ c); ∂L/∂ŷc = −(number of such j)";
            default: throw new AssertionError(this);
        }
    }
}

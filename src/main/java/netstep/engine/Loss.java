package netstep.engine;

/**
 * A loss L(ŷ, y) summed over the outputs, with its gradient ∂L/∂ŷ.
 * Zero-one loss has no useful gradient: it is 0 almost everywhere.
 */
public enum Loss {
    L2("l2", "L2", "L = Σ ½(y − ŷ)²"),
    L1("l1", "L1", "L = Σ |ŷ − y|"),
    HINGE("hinge", "hinge", "L = Σ max(0, 1 − y·ŷ)"),
    ZERO_ONE("zero_one", "zero-one", "L = Σ 1[ŷ ≠ y]");

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

    /** The contribution of one output to L. */
    public double term(double yHat, double y) {
        switch (this) {
            case L2: return 0.5 * (y - yHat) * (y - yHat);
            case L1: return Math.abs(yHat - y);
            case HINGE: return Math.max(0, 1 - y * yHat);
            case ZERO_ONE: return yHat != y ? 1 : 0;
            default: throw new AssertionError(this);
        }
    }

    /** ∂L/∂ŷ for one output. */
    public double gradient(double yHat, double y) {
        switch (this) {
            case L2: return yHat - y;
            case L1: return Math.signum(yHat - y);
            case HINGE: return 1 - y * yHat > 0 ? -y : 0;
            case ZERO_ONE: return 0;
            default: throw new AssertionError(this);
        }
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
            default: throw new AssertionError(this);
        }
    }
}

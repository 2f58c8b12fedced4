package netstep.engine;

import java.util.Locale;

/**
 * The nonlinearity f applied to a layer's pre-activation a. The slope is used by leaky ReLU only.
 * Derivatives follow the lecture: ReLU's derivative at 0 is 1; step's is 0 everywhere.
 */
public record Activation(Kind kind, double slope) {

    public static final double DEFAULT_LEAKY_SLOPE = 0.02;

    public enum Kind {
        IDENTITY("identity", "identity"),
        STEP("step", "step"),
        SIGMOID("sigmoid", "sigmoid σ"),
        TANH("tanh", "tanh"),
        RELU("relu", "ReLU"),
        LEAKY_RELU("leaky_relu", "leaky ReLU");

        public final String id;
        public final String label;

        Kind(String id, String label) {
            this.id = id;
            this.label = label;
        }

        public static Kind fromId(String id) {
            return Ids.fromId(values(), k -> k.id, id, "activation");
        }
    }

    public static final Activation IDENTITY = new Activation(Kind.IDENTITY, 0);
    public static final Activation STEP = new Activation(Kind.STEP, 0);
    public static final Activation SIGMOID = new Activation(Kind.SIGMOID, 0);
    public static final Activation TANH = new Activation(Kind.TANH, 0);
    public static final Activation RELU = new Activation(Kind.RELU, 0);

    public Activation {
        if (kind != Kind.LEAKY_RELU) slope = 0;
        if (!Double.isFinite(slope)) throw new IllegalArgumentException("slope must be finite");
    }

    public static Activation leakyRelu(double slope) {
        return new Activation(Kind.LEAKY_RELU, slope);
    }

    /** Parses an API or form id; {@code slope} applies to leaky_relu. */
    public static Activation of(String id, double slope) {
        Kind kind = Kind.fromId(id);
        return kind == Kind.LEAKY_RELU ? leakyRelu(slope) : new Activation(kind, 0);
    }

    public String id() {
        return kind.id;
    }

    public double apply(double a) {
        switch (kind) {
            case IDENTITY: return a;
            case STEP: return a > 0 ? 1 : 0;
            case SIGMOID: return sigmoid(a);
            case TANH: return StrictMath.tanh(a);
            case RELU: return a > 0 ? a : 0;
            case LEAKY_RELU: return a >= 0 ? a : slope * a;
            default: throw new AssertionError(kind);
        }
    }

    /** ∂f/∂a at a, given f = f(a) (sigmoid and tanh reuse it). */
    public double derivative(double a, double f) {
        switch (kind) {
            case IDENTITY: return 1;
            case STEP: return 0;
            case SIGMOID: return f * (1 - f);
            case TANH: return 1 - f * f;
            case RELU: return a >= 0 ? 1 : 0;
            case LEAKY_RELU: return a >= 0 ? 1 : slope;
            default: throw new AssertionError(kind);
        }
    }

    /** False where ∂f/∂a is zero almost everywhere, so gradient descent cannot learn through it. */
    public boolean hasGradient() {
        return kind != Kind.STEP;
    }

    /** The formula of f in the lecture's notation, e.g. "σ(a) = 1 / (1 + e^(−a))". */
    public String formula() {
        switch (kind) {
            case IDENTITY: return "f(a) = a";
            case STEP: return "f(a) = 1 if a > 0, else 0";
            case SIGMOID: return "σ(a) = 1 / (1 + e^(−a))";
            case TANH: return "tanh(a) = (e^a − e^(−a)) / (e^a + e^(−a))";
            case RELU: return "ReLU(a) = max(0, a)";
            case LEAKY_RELU: return "f(a) = a if a ≥ 0, else " + fmt(slope) + "·a";
            default: throw new AssertionError(kind);
        }
    }

    /** The formula of ∂f/∂a, e.g. "σ(a)(1 − σ(a))". */
    public String derivativeFormula() {
        switch (kind) {
            case IDENTITY: return "∂f/∂a = 1";
            case STEP: return "∂f/∂a = 0 (everywhere but a = 0, where it is undefined)";
            case SIGMOID: return "∂f/∂a = σ(a)(1 − σ(a))";
            case TANH: return "∂f/∂a = 1 − tanh²(a)";
            case RELU: return "∂f/∂a = 1 if a ≥ 0, else 0";
            case LEAKY_RELU: return "∂f/∂a = 1 if a ≥ 0, else " + fmt(slope);
            default: throw new AssertionError(kind);
        }
    }

    public String label() {
        return kind == Kind.LEAKY_RELU ? kind.label + " (a = " + fmt(slope) + ")" : kind.label;
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    private static double sigmoid(double a) {
        // two branches keep e^x from overflowing for large |a|
        if (a >= 0) {
            return 1 / (1 + StrictMath.exp(-a));
        }
        double e = StrictMath.exp(a);
        return e / (1 + e);
    }
}

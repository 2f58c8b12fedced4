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
        LEAKY_RELU("leaky_relu", "leaky ReLU"),
        /** Not element-wise: each f_k depends on every a; allowed on the last layer only. */
        SOFTMAX("softmax", "softmax");

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
    public static final Activation SOFTMAX = new Activation(Kind.SOFTMAX, 0);

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

    /** f(a) for one value; softmax has none (see {@link #apply(double[])}). */
    public double apply(double a) {
        switch (kind) {
            case IDENTITY: return a;
            case STEP: return a > 0 ? 1 : 0;
            case SIGMOID: return sigmoid(a);
            // within 3 ulp of StrictMath.tanh, without a native call per value
            case TANH: return Tanh.tanh(a);
            case RELU: return a > 0 ? a : 0;
            case LEAKY_RELU: return a >= 0 ? a : slope * a;
            case SOFTMAX: throw new UnsupportedOperationException("softmax is not element-wise: apply it to a vector");
            default: throw new AssertionError(kind);
        }
    }

    /** True for every f but softmax, whose f_k depends on the whole vector a. */
    public boolean elementwise() {
        return kind != Kind.SOFTMAX;
    }

    /** f(a) for a layer's whole pre-activation vector: element by element, or softmax. */
    public double[] apply(double[] a) {
        if (kind == Kind.SOFTMAX) return softmax(a);
        double[] f = new double[a.length];
        for (int k = 0; k < a.length; k++) f[k] = apply(a[k]);
        return f;
    }

    /**
     * softmax(a)_k = e^(a_k − m) / Σ_j e^(a_j − m) with m = max a: subtracting the largest keeps every e^x ≤ 1,
     * so nothing overflows and the sum is at least 1.
     */
    public static double[] softmax(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) max = Math.max(max, v);
        double[] f = new double[a.length];
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            f[k] = StrictMath.exp(a[k] - max);
            sum += f[k];
        }
        for (int k = 0; k < a.length; k++) f[k] /= sum;
        return f;
    }

    /** log softmax(a)_k = a_k − m − log Σ_j e^(a_j − m): finite even where softmax(a)_k underflows to 0. */
    public static double[] logSoftmax(double[] a) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : a) max = Math.max(max, v);
        double sum = 0;
        for (double v : a) sum += StrictMath.exp(v - max);
        double log = StrictMath.log(sum);
        double[] out = new double[a.length];
        for (int k = 0; k < a.length; k++) out[k] = a[k] - max - log;
        return out;
    }

    /**
     * The Jacobian ∂f/∂a, row k column j ∂f_k/∂a_j: diag(f) − f fᵀ for softmax, diagonal (∂f_k/∂a_k) for the rest.
     */
    public double[][] jacobian(double[] a, double[] f) {
        int n = a.length;
        double[][] jac = new double[n][n];
        for (int k = 0; k < n; k++) {
            if (kind == Kind.SOFTMAX) {
                for (int j = 0; j < n; j++) jac[k][j] = (k == j ? f[k] : 0) - f[k] * f[j];
            } else {
                jac[k][k] = derivative(a[k], f[k]);
            }
        }
        return jac;
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
            // the diagonal of the Jacobian, ∂f_k/∂a_k; the backward pass uses the whole matrix (jacobian)
            case SOFTMAX: return f * (1 - f);
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
            case SOFTMAX: return "softmax(a)_k = e^(a_k) / Σ_j e^(a_j)";
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
            case SOFTMAX: return "∂f/∂a = diag(ŷ) − ŷŷᵀ (a full matrix: ∂f_k/∂a_j = ŷ_k(1[k = j] − ŷ_j))";
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

package netstep.engine;

/**
 * The one rule for numbers that come in from outside (forms, CSV, the sample table, weight edits, the JSON API,
 * lessons and saved experiment files): finite, and no larger in size than {@link #MAX_MAGNITUDE}. Beyond that the
 * first forward pass overflows (a weight of 1e6 times an input of 1e6, summed over 64 inputs, squared in the
 * loss is already 4e27) and the pictures have nothing sensible to draw. Each door wraps {@link #problem} in its
 * own exception (InvalidInput, DataException), so the bound and its wording live here only.
 */
public final class Bounds {
    /** The largest |v| accepted for a data value, a weight, a bias or a leaky-ReLU slope. */
    public static final double MAX_MAGNITUDE = 1e6;
    /** The largest learning rate η: beyond it every network here diverges in a step or two. */
    public static final double MAX_LEARNING_RATE = 10;
    /**
     * The most steps an experiment counts: steps, epochs and loss-curve step numbers stay ints with room for one
     * more maximal training run on top. At one step a millisecond this is eleven days of training.
     */
    public static final int MAX_STEPS = 1_000_000_000;

    private Bounds() {
    }

    /** Whether {@code v} is finite and within ±{@link #MAX_MAGNITUDE}. */
    public static boolean allowed(double v) {
        return Math.abs(v) <= MAX_MAGNITUDE; // false for NaN and ±∞ too
    }

    /**
     * Why {@code v} is refused, as the end of a sentence that starts with where it was ("row 3, column 2"), or
     * null when it is allowed.
     */
    public static String problem(double v) {
        if (allowed(v)) return null;
        String what = Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "Infinity" : "-Infinity")
                : Double.toString(v);
        return "is " + what + "; numbers must be finite and from " + range();
    }

    /** The allowed range in words: "-1000000 to 1000000". */
    public static String range() {
        return "-" + (long) MAX_MAGNITUDE + " to " + (long) MAX_MAGNITUDE;
    }

    /** Why a learning rate is refused (null when it is from just above 0 to {@link #MAX_LEARNING_RATE}). */
    public static String learningRateProblem(double eta) {
        if (eta > 0 && eta <= MAX_LEARNING_RATE) return null;
        return "must be greater than 0 and at most " + (long) MAX_LEARNING_RATE + ", not " + eta;
    }
}

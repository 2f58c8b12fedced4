package netstep.engine;

import java.util.Arrays;

/** An immutable column vector of doubles, as recorded in a step trace. */
public final class Vec {
    private final double[] values;

    private Vec(double[] values) {
        this.values = values;
    }

    public static Vec of(double... values) {
        return new Vec(values.clone());
    }

    /** Takes ownership of {@code values}: the caller must not change them afterwards. */
    static Vec wrap(double[] values) {
        return new Vec(values);
    }

    /** The engine's read-only view of the values; callers must not modify them. */
    double[] values() {
        return values;
    }

    public int size() {
        return values.length;
    }

    public double get(int i) {
        return values[i];
    }

    public double[] toArray() {
        return values.clone();
    }

    public boolean allFinite() {
        for (double v : values) {
            if (!Double.isFinite(v)) return false;
        }
        return true;
    }

    public boolean allZero() {
        for (double v : values) {
            if (v != 0.0) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vec other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}

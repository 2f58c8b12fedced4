package netstep.engine;

import org.jblas.DoubleMatrix;

import java.util.Arrays;

/**
 * A read-only jblas column vector, as recorded in a step trace: kept because a DoubleMatrix can be changed by
 * whoever holds it, and a recorded step must not change under the views that render it.
 */
public final class Vec {
    private final DoubleMatrix vector;

    private Vec(double[] values) {
        this.vector = new DoubleMatrix(values);
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
        return vector.data;
    }

    public int size() {
        return vector.length;
    }

    public double get(int i) {
        return vector.data[i];
    }

    public double[] toArray() {
        return vector.data.clone();
    }

    /** A copy as a jblas column vector, for arithmetic. */
    public DoubleMatrix toMatrix() {
        return vector.dup();
    }

    public boolean allFinite() {
        for (double v : vector.data) {
            if (!Double.isFinite(v)) return false;
        }
        return true;
    }

    public boolean allZero() {
        for (double v : vector.data) {
            if (v != 0.0) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vec other && Arrays.equals(vector.data, other.vector.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(vector.data);
    }

    @Override
    public String toString() {
        return Arrays.toString(vector.data);
    }
}

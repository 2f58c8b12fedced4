package netstep.engine;

import org.jblas.DoubleMatrix;

import java.util.Arrays;
import java.util.Objects;

/**
 * A read-only jblas matrix (row j, column i), as recorded in a step trace: kept because a DoubleMatrix can be
 * changed by whoever holds it, and a recorded step must not change under the views that render it.
 * It holds either a DoubleMatrix, or, for an outer product u vᵀ (a step's ∂L/∂W = ∂L/∂a · xᵀ), just u and v,
 * computing u_j·v_i when asked: the same numbers, without writing m·n of them to fresh memory on every step.
 */
public final class Mat {
    private final int rows;
    private final int columns;
    /** Every value; null for an outer product. Never handed out. */
    private final DoubleMatrix matrix;
    private final DoubleMatrix u;
    private final DoubleMatrix v;

    private Mat(DoubleMatrix matrix) {
        this.rows = matrix.rows;
        this.columns = matrix.columns;
        this.matrix = matrix;
        this.u = null;
        this.v = null;
    }

    private Mat(DoubleMatrix u, DoubleMatrix v) {
        this.rows = u.length;
        this.columns = v.length;
        this.matrix = null;
        this.u = u;
        this.v = v;
    }

    /** u vᵀ, whose (j, i) value is u[j]·v[i]. Takes ownership of both arrays: the caller must not change them. */
    static Mat outer(double[] u, double[] v) {
        return new Mat(new DoubleMatrix(u), new DoubleMatrix(v));
    }

    /** A rows × columns matrix of values laid out column by column, as jblas keeps them. Takes ownership. */
    static Mat ofColumns(int rows, int columns, double[] columnMajor) {
        return new Mat(new DoubleMatrix(rows, columns, columnMajor));
    }

    public static Mat of(double[][] rowsOfValues) {
        int c = rowsOfValues.length == 0 ? 0 : rowsOfValues[0].length;
        for (double[] row : rowsOfValues) {
            if (row.length != c) throw new IllegalArgumentException("ragged matrix");
        }
        return rowsOfValues.length == 0 ? new Mat(new DoubleMatrix(0, 0)) : new Mat(new DoubleMatrix(rowsOfValues));
    }

    /** Copies a jblas matrix. */
    static Mat copyOf(DoubleMatrix m) {
        return new Mat(m.dup());
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public double get(int row, int column) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(column, columns);
        return matrix == null ? u.data[row] * v.data[column] : matrix.data[column * rows + row];
    }

    /** A copy as a jblas matrix, for arithmetic. */
    public DoubleMatrix toMatrix() {
        return matrix == null ? u.mmul(v.transpose()) : matrix.dup();
    }

    public double[][] toArray() {
        double[][] out = new double[rows][columns];
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++) out[j][i] = get(j, i);
        }
        return out;
    }

    public boolean allFinite() {
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++) {
                if (!Double.isFinite(get(j, i))) return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Mat other) || rows != other.rows || columns != other.columns) return false;
        if (matrix != null && other.matrix != null) return Arrays.equals(matrix.data, other.matrix.data);
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++) {
                // as Arrays.equals compares doubles: by their bits, so NaN equals NaN and 0.0 differs from −0.0
                if (Double.doubleToLongBits(get(j, i)) != Double.doubleToLongBits(other.get(j, i))) return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        // Arrays.hashCode of the row-major values, whichever way they are kept
        int hash = 1;
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++) hash = 31 * hash + Double.hashCode(get(j, i));
        }
        return 31 * (31 * rows + columns) + hash;
    }

    @Override
    public String toString() {
        return Arrays.deepToString(toArray());
    }
}

package netstep.engine;

import java.util.Arrays;

/**
 * An immutable matrix of doubles (row j, column i), as recorded in a step trace. It keeps either every value,
 * or, for an outer product u vᵀ (a step's ∂L/∂W = ∂L/∂a · xᵀ), just u and v, computing u_j·v_i when asked:
 * the same numbers, without writing m·n of them to fresh memory on every step.
 */
public final class Mat {
    private final int rows;
    private final int columns;
    /** Every value, row j at j·columns; null for an outer product. */
    private final double[] rowMajor;
    private final double[] u;
    private final double[] v;

    private Mat(int rows, int columns, double[] rowMajor) {
        this.rows = rows;
        this.columns = columns;
        this.rowMajor = rowMajor;
        this.u = null;
        this.v = null;
    }

    private Mat(double[] u, double[] v) {
        this.rows = u.length;
        this.columns = v.length;
        this.rowMajor = null;
        this.u = u;
        this.v = v;
    }

    /** u vᵀ, whose (j, i) value is u[j]·v[i]. Takes ownership of both arrays: the caller must not change them. */
    static Mat outer(double[] u, double[] v) {
        return new Mat(u, v);
    }

    /** A rows × columns matrix from values laid out column by column, as jblas keeps them. */
    static Mat ofColumns(int rows, int columns, double[] columnMajor) {
        double[] data = new double[rows * columns];
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++) data[j * columns + i] = columnMajor[i * rows + j];
        }
        return new Mat(rows, columns, data);
    }

    public static Mat of(double[][] rowsOfValues) {
        int r = rowsOfValues.length;
        int c = r == 0 ? 0 : rowsOfValues[0].length;
        double[] data = new double[r * c];
        for (int j = 0; j < r; j++) {
            if (rowsOfValues[j].length != c) throw new IllegalArgumentException("ragged matrix");
            System.arraycopy(rowsOfValues[j], 0, data, j * c, c);
        }
        return new Mat(r, c, data);
    }

    /** Copies a jblas matrix, which stores its data column by column. */
    static Mat copyOf(org.jblas.DoubleMatrix m) {
        double[] data = new double[m.rows * m.columns];
        for (int j = 0; j < m.rows; j++) {
            for (int i = 0; i < m.columns; i++) {
                data[j * m.columns + i] = m.get(j, i);
            }
        }
        return new Mat(m.rows, m.columns, data);
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    public double get(int row, int column) {
        if (rowMajor == null) {
            java.util.Objects.checkIndex(column, columns);
            return u[row] * v[column];
        }
        return rowMajor[row * columns + column];
    }

    public double[][] toArray() {
        double[][] out = new double[rows][columns];
        for (int j = 0; j < rows; j++) {
            if (rowMajor == null) {
                for (int i = 0; i < columns; i++) out[j][i] = u[j] * v[i];
            } else {
                System.arraycopy(rowMajor, j * columns, out[j], 0, columns);
            }
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
        if (rowMajor != null && other.rowMajor != null) return Arrays.equals(rowMajor, other.rowMajor);
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

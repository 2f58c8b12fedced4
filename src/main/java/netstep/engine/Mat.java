package netstep.engine;

import java.util.Arrays;

/** An immutable matrix of doubles (row j, column i), as recorded in a step trace. */
public final class Mat {
    private final int rows;
    private final int columns;
    private final double[] rowMajor;

    private Mat(int rows, int columns, double[] rowMajor) {
        this.rows = rows;
        this.columns = columns;
        this.rowMajor = rowMajor;
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

    /** Takes ownership of {@code rowMajor} (row j, column i at j·columns + i): the caller must not change it. */
    static Mat wrapRowMajor(int rows, int columns, double[] rowMajor) {
        if (rowMajor.length != rows * columns) throw new IllegalArgumentException("need " + rows * columns + " values");
        return new Mat(rows, columns, rowMajor);
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
        return rowMajor[row * columns + column];
    }

    public double[][] toArray() {
        double[][] out = new double[rows][columns];
        for (int j = 0; j < rows; j++) {
            System.arraycopy(rowMajor, j * columns, out[j], 0, columns);
        }
        return out;
    }

    public boolean allFinite() {
        for (double v : rowMajor) {
            if (!Double.isFinite(v)) return false;
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Mat other && rows == other.rows && columns == other.columns
                && Arrays.equals(rowMajor, other.rowMajor);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + columns) + Arrays.hashCode(rowMajor);
    }

    @Override
    public String toString() {
        return Arrays.deepToString(toArray());
    }
}

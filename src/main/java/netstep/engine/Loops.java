package netstep.engine;

/**
 * The step's loops, on jblas's column-major data (w[i·rows + j] from input i to neuron j): at the widths students
 * use, a loop beats a call into jblas for each product (TrainBenchmark.untraced beside TrainBenchmark.plainLoop,
 * docs/performance.md), and it sums in a fixed order, which keeps the traced and untraced steps bit for bit alike.
 */
final class Loops {
    private Loops() {
    }

    /** a = Wx + b, summed as jblas sums it. */
    static void preActivation(double[] w, double[] b, double[] x, double[] a, int r, int c) {
        if (c == 1) {
            // jblas multiplies by a 1×1 x as by a scalar
            double x0 = x[0];
            for (int j = 0; j < r; j++) a[j] = w[j] * x0 + b[j];
            return;
        }
        java.util.Arrays.fill(a, 0);
        for (int i = 0; i < c; i++) {
            double xi = x[i];
            if (xi != 0.0) {
                int column = i * r;
                for (int j = 0; j < r; j++) a[j] += w[column + j] * xi;
            }
        }
        for (int j = 0; j < r; j++) a[j] = a[j] + b[j];
    }

    static void activate(Activation activation, double[] a, double[] f) {
        if (activation.elementwise()) {
            for (int j = 0; j < a.length; j++) f[j] = activation.apply(a[j]);
        } else {
            // the rarer cases live in methods of their own, which keeps the common path small enough for the JIT
            // to inline what it calls whatever mix of networks it has seen (one compiled body serves every request)
            softmax(a, f);
        }
    }

    static void softmax(double[] a, double[] f) {
        System.arraycopy(Activation.softmax(a), 0, f, 0, f.length);
    }

    /**
     * 0 (or −0) when every value is finite, NaN otherwise. Four sums side by side: one sum's every addition waits
     * for the previous one, and this check ran at a sixth of the untraced step's time (JFR, TrainBenchmark's work).
     */
    static double zeroOrNaN(double[] values) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 4 <= values.length; k += 4) {
            s0 += values[k] * 0;
            s1 += values[k + 1] * 0;
            s2 += values[k + 2] * 0;
            s3 += values[k + 3] * 0;
        }
        for (; k < values.length; k++) s0 += values[k] * 0;
        return (s0 + s1) + (s2 + s3);
    }

    static void elementwiseBackward(Activation activation, double[] a, double[] f, double[] upstream,
                                            double[] df_da, double[] dL_da) {
        for (int j = 0; j < a.length; j++) {
            df_da[j] = activation.derivative(a[j], f[j]);
            dL_da[j] = upstream[j] * df_da[j];
        }
    }

    /** ∂L/∂a = Jᵀ ∂L/∂f with J = diag(ŷ) − ŷŷᵀ, entry (k, j) written as {@link Activation#jacobian} writes it. */
    static void softmaxBackward(double[] f, double[] upstream, double[] df_da, double[] dL_da) {
        int r = f.length;
        for (int j = 0; j < r; j++) {
            df_da[j] = f[j] - f[j] * f[j];
            double sum = 0;
            for (int k = 0; k < r; k++) sum += ((k == j ? f[k] : 0) - f[k] * f[j]) * upstream[k];
            dL_da[j] = sum;
        }
    }

    /**
     * Wᵀv into {@code product}, W given column by column (rows × columns): each column's dot product with v,
     * summed in order. A sum's every addition waits for the previous one, so four columns are summed side by side,
     * which keeps the adder busy (and the numbers the same).
     */
    static void transposedTimes(double[] data, int rows, int columns, double[] v, double[] product) {
        int i = 0;
        for (; i + 4 <= columns; i += 4) {
            int c0 = i * rows;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int j = 0; j < rows; j++) {
                double vj = v[j];
                s0 += data[c0 + j] * vj;
                s1 += data[c0 + rows + j] * vj;
                s2 += data[c0 + 2 * rows + j] * vj;
                s3 += data[c0 + 3 * rows + j] * vj;
            }
            product[i] = s0;
            product[i + 1] = s1;
            product[i + 2] = s2;
            product[i + 3] = s3;
        }
        for (; i < columns; i++) {
            int column = i * rows;
            double sum = 0;
            for (int j = 0; j < rows; j++) sum += data[column + j] * v[j];
            product[i] = sum;
        }
    }

    /** sum (+)= u xᵀ, column by column. */
    static void addOuter(double[] u, double[] x, double[] sum, int r, int c, boolean first) {
        for (int i = 0; i < c; i++) {
            double xi = x[i];
            int column = i * r;
            if (first) {
                for (int j = 0; j < r; j++) sum[column + j] = u[j] * xi;
            } else {
                for (int j = 0; j < r; j++) sum[column + j] += u[j] * xi;
            }
        }
    }
}

package netstep.engine;

import org.jblas.DoubleMatrix;

/**
 * A network judged on a whole dataset at once: the mean loss, and for classes the accuracy and the confusion
 * matrix. The forward pass is one matrix product per layer over all samples, A = W·X + b with a column per sample
 * ({@link MatrixProducts#multiply}: native BLAS where it pays, e.g. the 1,797 digits through a 64-32-10 network).
 *
 * @param confusion row = true class, column = predicted class (the largest output), counts of samples
 */
public record Evaluation(int samples, double meanLoss, double accuracy, int[][] confusion) {

    /**
     * Rows of {@code xs} and {@code ys} are samples; the class of a target is its largest entry (one-hot: the 1).
     * A null loss leaves the mean loss NaN, for when only the classes are wanted.
     */
    public static Evaluation of(Network network, Loss loss, double[][] xs, double[][] ys) {
        return of(network, loss, xs, ys, MatrixProducts::multiply);
    }

    /**
     * {@link #of} with the plain-Java product throughout, as on a host without libgfortran: for comparing the two
     * (the same numbers to 1e-12) and timing them in one run.
     */
    public static Evaluation ofInJava(Network network, Loss loss, double[][] xs, double[][] ys) {
        return of(network, loss, xs, ys, MatrixProducts::multiplyInJava);
    }

    private static Evaluation of(Network network, Loss loss, double[][] xs, double[][] ys,
                                 java.util.function.BinaryOperator<DoubleMatrix> product) {
        int n = xs.length;
        int classes = network.outputs();
        if (n == 0) return new Evaluation(0, 0, 0, new int[classes][classes]);
        DoubleMatrix a = null;
        DoubleMatrix f = new DoubleMatrix(xs).transpose();
        for (Layer layer : network.layers()) {
            a = product.apply(layer.w(), f).addiColumnVector(layer.b());
            f = activate(layer.activation(), a);
        }
        boolean logFromScores = loss == Loss.CROSS_ENTROPY
                && network.layer(network.depth() - 1).activation().kind() == Activation.Kind.SOFTMAX;
        double total = 0;
        int correct = 0;
        int[][] confusion = new int[classes][classes];
        double[] yHat = new double[classes];
        double[] scores = new double[classes];
        for (int s = 0; s < n; s++) {
            System.arraycopy(f.data, s * classes, yHat, 0, classes);
            if (loss == null) {
                total = Double.NaN;
            } else if (logFromScores) {
                // log ŷ from the scores a, finite where ŷₖ underflows to 0
                System.arraycopy(a.data, s * classes, scores, 0, classes);
                double[] log = Activation.logSoftmax(scores);
                for (int k = 0; k < classes; k++) if (ys[s][k] != 0) total -= ys[s][k] * log[k];
            } else {
                total += loss.total(yHat, ys[s]);
            }
            int predicted = argmax(yHat);
            int actual = argmax(ys[s]);
            confusion[actual][predicted]++;
            if (predicted == actual) correct++;
        }
        return new Evaluation(n, total / n, (double) correct / n, confusion);
    }

    /** f(A) column by column: softmax down each sample's column, any other f entry by entry. */
    private static DoubleMatrix activate(Activation activation, DoubleMatrix a) {
        DoubleMatrix f = new DoubleMatrix(a.rows, a.columns);
        if (activation.elementwise()) {
            for (int k = 0; k < a.length; k++) f.data[k] = activation.apply(a.data[k]);
            return f;
        }
        double[] column = new double[a.rows];
        for (int s = 0; s < a.columns; s++) {
            System.arraycopy(a.data, s * a.rows, column, 0, a.rows);
            System.arraycopy(activation.apply(column), 0, f.data, s * a.rows, a.rows);
        }
        return f;
    }

    /** The first index of the largest value. */
    public static int argmax(double[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) if (v[k] > v[best]) best = k;
        return best;
    }

    /** The number of samples of class {@code actual} predicted as {@code predicted}. */
    public int count(int actual, int predicted) {
        return confusion[actual][predicted];
    }
}

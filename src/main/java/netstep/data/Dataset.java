package netstep.data;

import java.util.List;

/**
 * Named samples (x, y) with fixed input and output widths, and optionally held-out test samples of the same widths.
 * Immutable. size(), x(i), y(i), xs(), ys(), xMatrix() and yMatrix() are the training samples.
 */
public record Dataset(String id, String title, String description, List<double[]> xs, List<double[]> ys,
        List<double[]> testXs, List<double[]> testYs) {

    /** The most samples a dataset may have, training and test together; also the most rows of custom data. */
    public static final int MAX_SAMPLES = 5000;
    /** The most inputs of a sample: the widest input layer a page builds (an 8×8 image). */
    public static final int MAX_INPUTS = 64;
    /** The most numbers in one sample, inputs and outputs together: an 8×8 image and up to 16 classes, so that
     * every built-in dataset's CSV reads back as own data. */
    public static final int MAX_COLUMNS = 80;

    public Dataset {
        testXs = testXs == null ? List.of() : testXs;
        testYs = testYs == null ? List.of() : testYs;
        if (xs.isEmpty() || xs.size() != ys.size()) {
            throw new IllegalArgumentException("a dataset needs the same, non-zero number of inputs and targets");
        }
        if (testXs.size() != testYs.size()) {
            throw new IllegalArgumentException("a test set needs as many targets as inputs");
        }
        xs = copy(xs);
        ys = copy(ys);
        testXs = copy(testXs);
        testYs = copy(testYs);
        int in = xs.get(0).length;
        int out = ys.get(0).length;
        requireWidths("sample", xs, ys, in, out);
        requireWidths("test sample", testXs, testYs, in, out);
    }

    /** A dataset without a test split. */
    public Dataset(String id, String title, String description, List<double[]> xs, List<double[]> ys) {
        this(id, title, description, xs, ys, List.of(), List.of());
    }

    private static List<double[]> copy(List<double[]> rows) {
        return rows.stream().map(double[]::clone).toList();
    }

    private static void requireWidths(String what, List<double[]> xs, List<double[]> ys, int in, int out) {
        for (int s = 0; s < xs.size(); s++) {
            if (xs.get(s).length != in || ys.get(s).length != out) {
                throw new IllegalArgumentException(what + " " + (s + 1) + " has a different width");
            }
        }
    }

    public int size() {
        return xs.size();
    }

    public int inputs() {
        return xs.get(0).length;
    }

    public int outputs() {
        return ys.get(0).length;
    }

    public double[] x(int index) {
        return xs.get(index).clone();
    }

    public double[] y(int index) {
        return ys.get(index).clone();
    }

    public double[][] xMatrix() {
        return matrix(xs);
    }

    public double[][] yMatrix() {
        return matrix(ys);
    }

    public boolean hasTest() {
        return !testXs.isEmpty();
    }

    public int testSize() {
        return testXs.size();
    }

    public double[] testX(int index) {
        return testXs.get(index).clone();
    }

    public double[] testY(int index) {
        return testYs.get(index).clone();
    }

    public double[][] testXMatrix() {
        return matrix(testXs);
    }

    public double[][] testYMatrix() {
        return matrix(testYs);
    }

    private static double[][] matrix(List<double[]> rows) {
        return rows.stream().map(double[]::clone).toArray(double[][]::new);
    }
}

package netstep.data;

import java.util.List;

/** Named samples (x, y) with fixed input and output widths. Immutable. */
public record Dataset(String id, String title, String description, List<double[]> xs, List<double[]> ys) {

    public Dataset {
        if (xs.isEmpty() || xs.size() != ys.size()) {
            throw new IllegalArgumentException("a dataset needs the same, non-zero number of inputs and targets");
        }
        xs = xs.stream().map(double[]::clone).toList();
        ys = ys.stream().map(double[]::clone).toList();
        int in = xs.get(0).length;
        int out = ys.get(0).length;
        for (int s = 0; s < xs.size(); s++) {
            if (xs.get(s).length != in || ys.get(s).length != out) {
                throw new IllegalArgumentException("sample " + (s + 1) + " has a different width");
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
        return xs.stream().map(double[]::clone).toArray(double[][]::new);
    }

    public double[][] yMatrix() {
        return ys.stream().map(double[]::clone).toArray(double[][]::new);
    }
}

package netstep.engine;

import org.jblas.DoubleMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a 2-input network computes over a rectangle of its input plane: the output, and every hidden
 * neuron's activation, at each point of an n×n grid, from one batched forward pass.
 *
 * @param output  output[k][row][column] for output k; row 0 is the top (largest x₂)
 * @param hidden  hidden[l][j][row][column] for hidden layer l, neuron j
 */
public record Surface(double x1Min, double x1Max, double x2Min, double x2Max, int resolution,
                      double[][][] output, List<double[][][]> hidden) {

    public static Surface evaluate(Network network, double x1Min, double x1Max, double x2Min, double x2Max,
                                   int resolution) {
        if (network.inputs() != 2) throw new IllegalArgumentException("a surface needs a 2-input network");
        return evaluate(network, x1Min, x1Max, x2Min, x2Max, resolution, p -> p);
    }

    /**
     * The same over the plane of 2-D points whose network inputs are {@code inputsOf} each point (x₁, x₂), e.g. its
     * features x₁², x₂², x₁x₂: the pictures stay in the points' own plane whatever the network is fed.
     */
    public static Surface evaluate(Network network, double x1Min, double x1Max, double x2Min, double x2Max,
                                   int resolution, UnaryOperator<double[]> inputsOf) {
        int n = resolution;
        DoubleMatrix grid = new DoubleMatrix(network.inputs(), n * n);
        for (int row = 0; row < n; row++) {
            double x2 = x2Max - (x2Max - x2Min) * (row + 0.5) / n;
            for (int col = 0; col < n; col++) {
                double x1 = x1Min + (x1Max - x1Min) * (col + 0.5) / n;
                double[] inputs = inputsOf.apply(new double[] {x1, x2});
                if (inputs.length != network.inputs()) {
                    throw new IllegalArgumentException("each point gives " + inputs.length + " inputs but the network takes "
                            + network.inputs());
                }
                for (int i = 0; i < inputs.length; i++) grid.put(i, row * n + col, inputs[i]);
            }
        }
        List<double[][]> fs = network.activationRows(grid);
        List<double[][][]> hidden = new ArrayList<>();
        for (int l = 0; l < fs.size() - 1; l++) hidden.add(unpack(fs.get(l), n));
        return new Surface(x1Min, x1Max, x2Min, x2Max, n, unpack(fs.get(fs.size() - 1), n), hidden);
    }

    private static double[][][] unpack(double[][] f, int n) {
        double[][][] out = new double[f.length][n][n];
        for (int j = 0; j < f.length; j++) {
            for (int row = 0; row < n; row++) System.arraycopy(f[j], row * n, out[j][row], 0, n);
        }
        return out;
    }

    /** What one hidden neuron outputs, f(a), over the grid: [row][column]; layer from 0, neuron j from 0. */
    public double[][] neuron(int layer, int j) {
        return hidden.get(layer)[j];
    }

    /** The input point at the centre of a grid cell. */
    public double[] point(int row, int column) {
        return new double[] {x1Min + (x1Max - x1Min) * (column + 0.5) / resolution,
                x2Max - (x2Max - x2Min) * (row + 0.5) / resolution};
    }
}

package netstep.experiment;

import netstep.data.Dataset;
import netstep.data.InputFeature;
import netstep.engine.Network;
import netstep.engine.Surface;
import org.jblas.DoubleMatrix;

import java.util.List;

/**
 * The numbers behind "what the network computes", chosen by the input dimension and computed with
 * batched forward passes; the views only draw them.
 */
public final class Pictures {
    public static final int CURVE_POINTS = 200;
    public static final int SURFACE_RESOLUTION = 64;
    /**
     * The grid of the small picture inside each hidden neuron of the diagram: coarse, since the browser smooths
     * it when enlarging and a 2-8-8-1 page carries sixteen of them.
     */
    public static final int NEURON_RESOLUTION = 12;

    private Pictures() {
    }

    public sealed interface Computed permits Curve, Map2D, Scatter {
    }

    /** One input: the learned function ŷ_k(x) over the data's range, with the samples. */
    public record Curve(double[] xs, double[][] predictions, Dataset dataset, double xMin, double xMax)
            implements Computed {
    }

    /**
     * Two inputs, or input features of 2-D points: the output over the points' range, and each hidden neuron's
     * activation, with the samples. {@code dataset} holds the points themselves and {@code features} what the network
     * is fed of each (empty: the points as they are).
     */
    public record Map2D(Surface surface, Dataset dataset, List<InputFeature> features) implements Computed {
        public Map2D {
            features = List.copyOf(features);
        }
    }

    /** More inputs: prediction against target for every sample. predictions[s][k]. */
    public record Scatter(double[][] predictions, Dataset dataset) implements Computed {
    }

    /** Class data: the predicted class of every sample against its true class, training and (if any) test. */
    public record Classes(netstep.engine.Evaluation train, netstep.engine.Evaluation test) {
    }

    /** Each split evaluated as one matrix product per layer over all its samples. */
    public static Classes classes(Network network, Dataset dataset) {
        return new Classes(netstep.engine.Evaluation.of(network, null, dataset.xMatrix(), dataset.yMatrix()),
                dataset.hasTest() ? netstep.engine.Evaluation.of(network, null, dataset.testXMatrix(), dataset.testYMatrix())
                        : null);
    }

    public static Computed of(Network network, Dataset dataset) {
        return of(network, dataset, null);
    }

    /**
     * As {@link #of(Network, Dataset)}, for data from {@code source} (null: the dataset as it is): when the network is
     * fed input features of 2-D points, the map is drawn over the points' own plane (x₁, x₂), each point of it mapped
     * through the features, and not over the features, which have no plane when there are more than two.
     */
    public static Computed of(Network network, Dataset dataset, DataSource source) {
        List<InputFeature> features = features(network, source);
        if (!features.isEmpty()) return map(network, source.raw().dataset(), features);
        if (network.inputs() == 1) return curve(network, dataset);
        if (network.inputs() == 2) return map(network, dataset, List.of());
        return new Scatter(network.predictBatch(dataset.xMatrix()), dataset);
    }

    /** The features the network is fed of each 2-D point, or none when it is fed the data as they are. */
    private static List<InputFeature> features(Network network, DataSource source) {
        if (!(source instanceof DataSource.Featured f) || network.inputs() != f.features().size()) return List.of();
        return f.features();
    }

    /** Whether the data have a 2-D plane to draw pictures over: two inputs, or features of 2-D points. */
    public static boolean hasPlane(Network network, DataSource source) {
        return network.inputs() == 2 || !features(network, source).isEmpty();
    }

    private static Curve curve(Network network, Dataset dataset) {
        double[] range = padded(dataset, 0);
        DoubleMatrix xs = new DoubleMatrix(1, CURVE_POINTS);
        for (int i = 0; i < CURVE_POINTS; i++) {
            xs.put(0, i, range[0] + (range[1] - range[0]) * i / (CURVE_POINTS - 1));
        }
        DoubleMatrix ys = network.predictBatch(xs);
        return new Curve(xs.toArray(), ys.toArray2(), dataset, range[0], range[1]);
    }

    private static Map2D map(Network network, Dataset points, List<InputFeature> features) {
        return new Map2D(surface(network, points, features, SURFACE_RESOLUTION), points, features);
    }

    private static Surface surface(Network network, Dataset points, List<InputFeature> features, int resolution) {
        double[] r1 = padded(points, 0);
        double[] r2 = padded(points, 1);
        return features.isEmpty() ? Surface.evaluate(network, r1[0], r1[1], r2[0], r2[1], resolution)
                : Surface.evaluate(network, r1[0], r1[1], r2[0], r2[1], resolution, p -> InputFeature.map(features, p));
    }

    /**
     * For a 2-input network with hidden layers, what each hidden neuron outputs over the data's (padded) range:
     * the pictures inside the diagram's neurons. Empty for other networks.
     */
    public static java.util.Optional<Surface> neurons(Network network, Dataset dataset) {
        return neurons(network, dataset, null);
    }

    /** The same for data from {@code source}: over the points' own plane when the network is fed their features. */
    public static java.util.Optional<Surface> neurons(Network network, Dataset dataset, DataSource source) {
        if (network.depth() < 2 || dataset.size() == 0) return java.util.Optional.empty();
        List<InputFeature> features = features(network, source);
        if (!features.isEmpty()) {
            return java.util.Optional.of(surface(network, source.raw().dataset(), features, NEURON_RESOLUTION));
        }
        if (network.inputs() != 2) return java.util.Optional.empty();
        return java.util.Optional.of(surface(network, dataset, List.of(), NEURON_RESOLUTION));
    }

    /** The data's range in one input, widened by 10% on each side (and never empty). */
    static double[] padded(Dataset dataset, int input) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] x : dataset.xs()) {
            min = Math.min(min, x[input]);
            max = Math.max(max, x[input]);
        }
        double pad = max > min ? 0.1 * (max - min) : 1;
        return new double[] {min - pad, max + pad};
    }
}

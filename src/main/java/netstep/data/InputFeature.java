package netstep.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a 2-D point (x₁, x₂) can feed the network, TensorFlow Playground's set: the inputs themselves, their
 * squares and product, and their sines. With x₁² and x₂² a circle's inside is x₁² + x₂² < r², a straight line in
 * those features, so a single linear layer separates what otherwise takes a hidden layer.
 */
public enum InputFeature {
    X1("x1", "x₁"),
    X2("x2", "x₂"),
    X1_SQUARED("x1sq", "x₁²"),
    X2_SQUARED("x2sq", "x₂²"),
    X1_X2("x1x2", "x₁x₂"),
    SIN_X1("sinx1", "sin x₁"),
    SIN_X2("sinx2", "sin x₂");

    public final String id;
    public final String label;

    InputFeature(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** This feature of the point (x₁, x₂). */
    public double of(double x1, double x2) {
        return switch (this) {
            case X1 -> x1;
            case X2 -> x2;
            case X1_SQUARED -> x1 * x1;
            case X2_SQUARED -> x2 * x2;
            case X1_X2 -> x1 * x2;
            case SIN_X1 -> StrictMath.sin(x1);
            case SIN_X2 -> StrictMath.sin(x2);
        };
    }

    /**
     * Feature ids separated by commas or spaces (e.g. "x1sq, x2sq"), in the order above whatever order they are
     * typed in; empty text is the raw inputs (no features chosen).
     * @throws IllegalArgumentException naming an unknown or repeated id
     */
    public static List<InputFeature> parse(String text) {
        EnumSet<InputFeature> chosen = EnumSet.noneOf(InputFeature.class);
        for (String part : text.strip().split("[,\\s]+")) {
            if (part.isEmpty()) continue;
            InputFeature feature = Arrays.stream(values()).filter(f -> f.id.equals(part)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown input feature \"" + part + "\"; the "
                            + "features are " + Arrays.stream(values()).map(f -> f.id).collect(Collectors.joining(", "))));
            if (!chosen.add(feature)) throw new IllegalArgumentException("input feature " + part + " is listed twice");
        }
        return List.copyOf(chosen);
    }

    /** The ids, as {@link #parse} reads them. */
    public static String ids(List<InputFeature> features) {
        return features.stream().map(f -> f.id).collect(Collectors.joining(","));
    }

    /** e.g. "x₁², x₂²". */
    public static String labels(List<InputFeature> features) {
        return features.stream().map(f -> f.label).collect(Collectors.joining(", "));
    }

    /** The features of one 2-D point, in the given order. */
    public static double[] map(List<InputFeature> features, double[] x) {
        if (x.length != 2) throw new IllegalArgumentException("input features are made of 2-D points, not " + x.length + "-D");
        double[] out = new double[features.size()];
        for (int k = 0; k < out.length; k++) out[k] = features.get(k).of(x[0], x[1]);
        return out;
    }

    /** A 2-D dataset with each point (training and test) replaced by its features; targets unchanged. */
    public static Dataset apply(List<InputFeature> features, Dataset raw) {
        if (raw.inputs() != 2) {
            throw new IllegalArgumentException("input features need 2-D data (x₁, x₂); this dataset has " + raw.inputs()
                    + " inputs");
        }
        if (features.isEmpty()) throw new IllegalArgumentException("choose at least one input feature");
        return new Dataset(raw.id(), raw.title(), raw.description() + " Fed to the network as " + labels(features) + ".",
                mapped(features, raw.xs()), raw.ys(), mapped(features, raw.testXs()), raw.testYs());
    }

    private static List<double[]> mapped(List<InputFeature> features, List<double[]> xs) {
        List<double[]> out = new ArrayList<>(xs.size());
        for (double[] x : xs) out.add(map(features, x));
        return out;
    }
}

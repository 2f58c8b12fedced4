package netstep.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** The built-in datasets of the lecture's running examples. */
public final class Datasets {
    public static final String LINE = "line";
    public static final String XOR = "xor";
    public static final String REGRESSION_3_2 = "regression-3-2";

    private static final Map<String, Dataset> BUILT_IN = new LinkedHashMap<>();

    static {
        register(line());
        register(xor());
        register(regression32());
    }

    private Datasets() {
    }

    private static void register(Dataset d) {
        BUILT_IN.put(d.id(), d);
    }

    public static List<Dataset> all() {
        return List.copyOf(BUILT_IN.values());
    }

    public static Optional<Dataset> byId(String id) {
        return Optional.ofNullable(BUILT_IN.get(id));
    }

    /** The lecture's "what do you think the weight is?" table for y = wx; least squares gives w ≈ 2.02. */
    static Dataset line() {
        double[][] x = {{5.0}, {1.0}, {1.7}, {0.5}};
        double[][] y = {{10.1}, {1.9}, {3.4}, {1.1}};
        return new Dataset(LINE, "y = wx: the lecture's table (1 input, 1 output)",
                "Four (x, y) pairs. What do you think the weight w is?", List.of(x), List.of(y));
    }

    /** XOR: no single linear layer separates it. */
    static Dataset xor() {
        double[][] x = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[][] y = {{0}, {1}, {1}, {0}};
        return new Dataset(XOR, "XOR (2 inputs, 1 output)",
                "y = 1 when exactly one input is 1. A linear model cannot fit it.", List.of(x), List.of(y));
    }

    /**
     * A small 3-input, 2-output regression set for the 3-4-2 example, generated from a fixed seed:
     * y₁ = 0.8x₁ − 0.5x₂ + 0.3 and y₂ = x₁·x₃, plus a little noise.
     */
    static Dataset regression32() {
        Random random = new Random(472);
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (int s = 0; s < 12; s++) {
            double x1 = round(2 * random.nextDouble() - 1);
            double x2 = round(2 * random.nextDouble() - 1);
            double x3 = round(2 * random.nextDouble() - 1);
            double y1 = round(0.8 * x1 - 0.5 * x2 + 0.3 + 0.05 * random.nextGaussian());
            double y2 = round(x1 * x3 + 0.05 * random.nextGaussian());
            xs.add(new double[] {x1, x2, x3});
            ys.add(new double[] {y1, y2});
        }
        return new Dataset(REGRESSION_3_2, "3-4-2 regression (3 inputs, 2 outputs)",
                "12 seeded samples: y₁ = 0.8x₁ − 0.5x₂ + 0.3 and y₂ = x₁·x₃, with a little noise.", xs, ys);
    }

    /** Two decimals keep the table readable; the numbers are still exactly what the network sees. */
    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}

package netstep.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The built-in datasets: the lecture's running examples and a few classic toy problems, each generated from a
 * {@link DatasetSpec} (size, noise, test fraction, seed). Generated numbers are rounded to two decimals so the
 * sample table stays readable; they are still exactly what the network sees.
 */
public final class Datasets {
    public static final String LINE = "line";
    public static final String LINEAR = "linear";
    public static final String AND = "and";
    public static final String OR = "or";
    public static final String XOR = "xor";
    public static final String CIRCLE = "circle";
    public static final String BLOBS = "blobs";
    public static final String SPIRAL = "spiral";
    public static final String REGRESSION_3_2 = "regression-3-2";
    public static final String DIGITS = "digits";
    public static final String IRIS = "iris";
    public static final String SHAPES = "shapes";
    /** The shapes' image side: 8×8 = 64 inputs, the widest a layer of the form may be. */
    public static final int SHAPES_SIDE = 8;

    /** Menu order. Declared before CATALOGUE: DatasetSpec's constructor checks ids against it while it is built. */
    static final List<String> IDS = List.of(LINE, LINEAR, AND, OR, XOR, CIRCLE, BLOBS, SPIRAL, REGRESSION_3_2, DIGITS,
            IRIS, SHAPES);

    private static final double[][] BINARY_INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};

    /** The samples before the split. */
    private record Samples(List<double[]> xs, List<double[]> ys) {
        Samples() {
            this(new ArrayList<>(), new ArrayList<>());
        }

        void add(double[] x, double... y) {
            xs.add(x);
            ys.add(y);
        }
    }

    @FunctionalInterface
    private interface Generator {
        Samples generate(int size, double noise, Random random);
    }

    private record Entry(BuiltIn builtIn, Generator generator) {
    }

    private static final Map<String, Entry> CATALOGUE = new LinkedHashMap<>();
    private static final Map<String, Dataset> DEFAULTS = new LinkedHashMap<>();

    static {
        fixed(LINE, "y = wx: the lecture's table", "Four (x, y) pairs. What do you think the weight w is?",
                1, 1, Datasets::lineTable);
        generated(LINEAR, "Noisy line", "y = 2x + 0.5 for x between −2 and 2, plus Gaussian noise of standard "
                + "deviation equal to the noise setting. A linear model fits it; the noise is what it cannot learn.",
                1, 1, new DatasetSpec(LINEAR, 40, 0.2, 0, 1), Datasets::linear);
        fixed(AND, "AND", "y = 1 when both inputs are 1. A single linear unit can separate it.",
                2, 1, (size, noise, random) -> truthTable((a, b) -> a && b));
        fixed(OR, "OR", "y = 1 when either input is 1. A single linear unit can separate it.",
                2, 1, (size, noise, random) -> truthTable((a, b) -> a || b));
        fixed(XOR, "XOR", "y = 1 when exactly one input is 1. A linear model cannot fit it.",
                2, 1, (size, noise, random) -> truthTable((a, b) -> a ^ b));
        generated(CIRCLE, "Circle", "Points in the square [−1.5, 1.5]²; y = 1 inside the unit circle, 0 outside. "
                + "Noise moves each point by Gaussian jitter (standard deviation = noise) after it is labelled, so "
                + "labels near the circle look flipped. A curved boundary: try 2-8-8-1.",
                2, 1, new DatasetSpec(CIRCLE, 200, 0, 0, 2024), Datasets::circle);
        generated(BLOBS, "Two blobs", "Two Gaussian blobs around (−1, −1), labelled 0, and (1, 1), labelled 1, "
                + "alternating. Their spread is 0.3 + noise: more noise, more overlap.",
                2, 1, new DatasetSpec(BLOBS, 200, 0.2, 0, 1), Datasets::blobs);
        generated(SPIRAL, "Spiral", "Two interleaved spirals of one and a half turns, labelled 0 and 1, "
                + "alternating, with Gaussian jitter (standard deviation = noise). Hard: try 2-16-16-1 and tanh.",
                2, 1, new DatasetSpec(SPIRAL, 200, 0.05, 0, 1), Datasets::spiral);
        generated(REGRESSION_3_2, "3-4-2 regression", "y₁ = 0.8x₁ − 0.5x₂ + 0.3 and y₂ = x₁·x₃ for x in "
                + "[−1, 1]³, plus Gaussian noise of standard deviation equal to the noise setting.",
                3, 2, new DatasetSpec(REGRESSION_3_2, 12, 0.05, 0, 472), Datasets::regression32);
        fixedWithTest(DIGITS, "Handwritten digits 8×8", "The UCI handwritten digits (E. Alpaydin, C. Kaynak, 1998; "
                + "CC BY 4.0): 1,797 images of 8×8 pixels, each pixel's 0–16 scaled to [0, 1], row by row; y is "
                + "one-hot over the 10 digits (y[k+1] = 1 for digit k). The lecture's linear classifier: 64-10, softmax, cross-entropy.",
                64, ImageData.DIGIT_CLASSES, 0.2, (size, noise, random) -> labelled(ImageData.digits(), ImageData.DIGIT_CLASSES));
        fixedWithTest(IRIS, "Iris", "R. A. Fisher's 150 irises (1936; UCI, CC BY 4.0): sepal length and width, "
                + "petal length and width, each scaled to [0, 1]; y is one-hot over setosa, versicolor, virginica.",
                4, ImageData.IRIS_CLASSES, 0.2, (size, noise, random) -> labelled(ImageData.iris(), ImageData.IRIS_CLASSES));
        generated(SHAPES, "Shapes 8×8", "Small grey images of a horizontal bar, a vertical bar, a diagonal, a ring "
                + "and a cross, in turn, each at a random position; noise is the standard deviation of Gaussian "
                + "noise added to every pixel (clipped to [0, 1]). A bar that moves is what one template per "
                + "class cannot capture.", SHAPES_SIDE * SHAPES_SIDE, ImageData.SHAPE_CLASSES.size(),
                new DatasetSpec(SHAPES, 500, 0.1, 0.2, 1), (size, noise, random) -> labelled(
                        ImageData.shapes(SHAPES_SIDE, ImageData.SHAPE_CLASSES.size(), size, noise, random),
                        ImageData.SHAPE_CLASSES.size()));
        for (Entry entry : CATALOGUE.values()) {
            DEFAULTS.put(entry.builtIn().id(), generate(entry.builtIn().defaults()));
        }
    }

    private Datasets() {
    }

    private static void fixed(String id, String title, String description, int inputs, int outputs,
            Generator generator) {
        int size = generator.generate(0, 0, new Random(0)).xs().size();
        register(new BuiltIn(id, title, description, inputs, outputs, new DatasetSpec(id, size, 0, 0, 1), true),
                generator);
    }

    /** A fixed table held out in part for testing, e.g. the digits. */
    private static void fixedWithTest(String id, String title, String description, int inputs, int outputs,
            double testFraction, Generator generator) {
        int size = generator.generate(0, 0, new Random(0)).xs().size();
        register(new BuiltIn(id, title, description, inputs, outputs, new DatasetSpec(id, size, 0, testFraction, 1),
                true), generator);
    }

    private static Samples labelled(List<ImageData.Labelled> samples, int classes) {
        Samples out = new Samples();
        for (ImageData.Labelled s : samples) out.add(s.x(), ImageData.oneHot(s.label(), classes));
        return out;
    }

    private static void generated(String id, String title, String description, int inputs, int outputs,
            DatasetSpec defaults, Generator generator) {
        register(new BuiltIn(id, title, description, inputs, outputs, defaults, false), generator);
    }

    private static void register(BuiltIn builtIn, Generator generator) {
        CATALOGUE.put(builtIn.id(), new Entry(builtIn, generator));
    }

    static boolean isBuiltIn(String id) {
        return IDS.contains(id);
    }

    /** The built-in datasets in menu order. */
    public static List<BuiltIn> catalogue() {
        return CATALOGUE.values().stream().map(Entry::builtIn).toList();
    }

    public static Optional<BuiltIn> builtIn(String id) {
        return Optional.ofNullable(CATALOGUE.get(id)).map(Entry::builtIn);
    }

    /** Every built-in dataset with its default parameters, in menu order. */
    public static List<Dataset> all() {
        return List.copyOf(DEFAULTS.values());
    }

    /** The built-in dataset with its default parameters. */
    public static Optional<Dataset> byId(String id) {
        return Optional.ofNullable(DEFAULTS.get(id));
    }

    /**
     * The dataset the spec describes, the same numbers for the same spec. Of the samples, round(size × testFraction)
     * — but never all of them — chosen by a shuffle seeded from the spec's seed, are held out for testing; both
     * parts keep the generated order. Fixed datasets ignore size and noise and split their own samples.
     */
    public static Dataset generate(DatasetSpec spec) {
        Entry entry = CATALOGUE.get(spec.id());
        BuiltIn builtIn = entry.builtIn();
        Samples all = entry.generator().generate(spec.size(), spec.noise(), new Random(spec.seed()));
        int n = all.xs().size();
        int testCount = Math.min(n - 1, (int) Math.round(n * spec.testFraction()));
        boolean[] isTest = testMask(n, testCount, spec.seed());
        Samples train = new Samples();
        Samples test = new Samples();
        for (int s = 0; s < n; s++) {
            (isTest[s] ? test : train).add(all.xs().get(s), all.ys().get(s));
        }
        String description = builtIn.description();
        if (!builtIn.fixedSamples()) {
            description += " " + n + " samples, seed " + spec.seed() + ", noise " + spec.noise() + ".";
        }
        return new Dataset(builtIn.id(),
                builtIn.title() + " (" + shape(builtIn.inputs(), builtIn.outputs(), train.xs().size(), testCount) + ")",
                description, train.xs(), train.ys(), test.xs(), test.ys());
    }

    private static boolean[] testMask(int n, int testCount, long seed) {
        List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        // a generator of its own, so that the samples themselves do not depend on the split
        Collections.shuffle(order, new Random(seed ^ 0x5DEECE66DL));
        boolean[] isTest = new boolean[n];
        for (int i = 0; i < testCount; i++) {
            isTest[order.get(i)] = true;
        }
        return isTest;
    }

    /** "2 inputs, 1 output, 160 training + 40 test samples", or "…, 200 samples" without a test split. */
    static String shape(int inputs, int outputs, int train, int test) {
        String samples = test == 0 ? count(train, "sample") : train + " training + " + count(test, "test sample");
        return count(inputs, "input") + ", " + count(outputs, "output") + ", " + samples;
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** The lecture's "what do you think the weight is?" table for y = wx; least squares gives w ≈ 2.02. */
    private static Samples lineTable(int size, double noise, Random random) {
        Samples samples = new Samples();
        samples.add(new double[] {5.0}, 10.1);
        samples.add(new double[] {1.0}, 1.9);
        samples.add(new double[] {1.7}, 3.4);
        samples.add(new double[] {0.5}, 1.1);
        return samples;
    }

    private static Samples linear(int size, double noise, Random random) {
        Samples samples = new Samples();
        for (int s = 0; s < size; s++) {
            double x = round(4 * random.nextDouble() - 2);
            samples.add(new double[] {x}, round(2 * x + 0.5 + noise * random.nextGaussian()));
        }
        return samples;
    }

    private interface Gate {
        boolean of(boolean a, boolean b);
    }

    private static Samples truthTable(Gate gate) {
        Samples samples = new Samples();
        for (double[] x : BINARY_INPUTS) {
            samples.add(x.clone(), gate.of(x[0] == 1, x[1] == 1) ? 1 : 0);
        }
        return samples;
    }

    private static Samples circle(int size, double noise, Random random) {
        Samples samples = new Samples();
        for (int s = 0; s < size; s++) {
            double x1 = round(3 * random.nextDouble() - 1.5);
            double x2 = round(3 * random.nextDouble() - 1.5);
            double label = x1 * x1 + x2 * x2 < 1 ? 1 : 0;
            // no jitter draws at noise 0, so the default samples are the ones this dataset always had
            if (noise > 0) {
                x1 = round(x1 + noise * random.nextGaussian());
                x2 = round(x2 + noise * random.nextGaussian());
            }
            samples.add(new double[] {x1, x2}, label);
        }
        return samples;
    }

    private static Samples blobs(int size, double noise, Random random) {
        Samples samples = new Samples();
        double spread = 0.3 + noise;
        for (int s = 0; s < size; s++) {
            int label = s % 2;
            double centre = label == 0 ? -1 : 1;
            samples.add(new double[] {round(centre + spread * random.nextGaussian()),
                    round(centre + spread * random.nextGaussian())}, label);
        }
        return samples;
    }

    private static Samples spiral(int size, double noise, Random random) {
        Samples samples = new Samples();
        for (int s = 0; s < size; s++) {
            int label = s % 2;
            double t = random.nextDouble();
            double radius = 1.5 * t;
            double angle = 3 * Math.PI * t + label * Math.PI;
            samples.add(new double[] {round(radius * Math.cos(angle) + noise * random.nextGaussian()),
                    round(radius * Math.sin(angle) + noise * random.nextGaussian())}, label);
        }
        return samples;
    }

    /** For the 3-4-2 example; at the default noise 0.05 and seed 472 these are the lecture page's 12 samples. */
    private static Samples regression32(int size, double noise, Random random) {
        Samples samples = new Samples();
        for (int s = 0; s < size; s++) {
            double x1 = round(2 * random.nextDouble() - 1);
            double x2 = round(2 * random.nextDouble() - 1);
            double x3 = round(2 * random.nextDouble() - 1);
            double y1 = round(0.8 * x1 - 0.5 * x2 + 0.3 + noise * random.nextGaussian());
            double y2 = round(x1 * x3 + noise * random.nextGaussian());
            samples.add(new double[] {x1, x2, x3}, y1, y2);
        }
        return samples;
    }

    /** Two decimals keep the table readable; the numbers are still exactly what the network sees. */
    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}

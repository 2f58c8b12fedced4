package netstep.data;

import netstep.engine.Activation;
import netstep.engine.Evaluation;
import netstep.engine.Loss;
import netstep.engine.Network;
import netstep.engine.SampleOrder;
import netstep.engine.Sgd;
import netstep.engine.Training;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The digits, Iris and shapes datasets, and a linear classifier that reads the digits. */
class ImageDataTest {

    @Test
    void theDigitsResourceLoads() {
        List<ImageData.Labelled> digits = ImageData.digits();
        assertEquals(1797, digits.size());
        int[] perClass = new int[10];
        for (ImageData.Labelled d : digits) {
            assertEquals(64, d.x().length);
            for (double p : d.x()) assertTrue(p >= 0 && p <= 1 && p * 16 == Math.rint(p * 16), "pixel " + p);
            perClass[d.label()]++;
        }
        // the UCI test set has 174 to 183 images of each digit
        for (int c = 0; c < 10; c++) assertTrue(perClass[c] >= 174 && perClass[c] <= 183, "digit " + c + ": " + perClass[c]);
        // the file's first image is a 0: its top row is 0 0 5 13 9 1 0 0
        assertEquals(0, digits.get(0).label());
        assertArrayEquals(new double[] {0, 0, 5 / 16.0, 13 / 16.0, 9 / 16.0, 1 / 16.0, 0, 0},
                java.util.Arrays.copyOf(digits.get(0).x(), 8));
    }

    @Test
    void theBuiltInDigitsAreSplitSeededWithOneHotTargets() {
        Dataset d = Datasets.byId(Datasets.DIGITS).orElseThrow();
        assertEquals(1797, d.size() + d.testSize());
        assertEquals(359, d.testSize(), "round(1797 × 0.2)");
        assertEquals(64, d.inputs());
        assertEquals(10, d.outputs());
        for (double[] y : d.yMatrix()) {
            assertEquals(1, java.util.Arrays.stream(y).sum(), 0.0);
            assertEquals(1, java.util.Arrays.stream(y).filter(v -> v == 1).count());
        }
        Dataset again = Datasets.generate(Datasets.builtIn(Datasets.DIGITS).orElseThrow().defaults());
        assertArrayEquals(d.testXMatrix(), again.testXMatrix());
        Dataset otherSplit = Datasets.generate(Datasets.builtIn(Datasets.DIGITS).orElseThrow().defaults().withSeed(2));
        assertNotEquals(java.util.Arrays.deepToString(d.testXMatrix()), java.util.Arrays.deepToString(otherSplit.testXMatrix()));
    }

    @Test
    void irisHasThreeClassesOfFiftyScaledToTheUnitInterval() {
        List<ImageData.Labelled> iris = ImageData.iris();
        assertEquals(150, iris.size());
        int[] perClass = new int[3];
        double[] max = new double[4];
        for (ImageData.Labelled s : iris) {
            perClass[s.label()]++;
            for (int i = 0; i < 4; i++) {
                assertTrue(s.x()[i] >= 0 && s.x()[i] <= 1);
                max[i] = Math.max(max[i], s.x()[i]);
            }
        }
        assertArrayEquals(new int[] {50, 50, 50}, perClass);
        assertArrayEquals(new double[] {1, 1, 1, 1}, max);
        // the first iris, 5.1 3.5 1.4 0.2 cm: sepal length (5.1 − 4.3) / (7.9 − 4.3) = 0.22
        assertEquals(0.22, iris.get(0).x()[0], 0.0);
        Dataset d = Datasets.byId(Datasets.IRIS).orElseThrow();
        assertEquals(4, d.inputs());
        assertEquals(3, d.outputs());
        assertEquals(30, d.testSize());
    }

    @Test
    void shapesAreSeededWithTheirSizeAndClasses() {
        List<ImageData.Labelled> a = ImageData.shapes(10, 4, 40, 0.1, new Random(3));
        List<ImageData.Labelled> b = ImageData.shapes(10, 4, 40, 0.1, new Random(3));
        assertEquals(40, a.size());
        for (int s = 0; s < a.size(); s++) {
            assertEquals(100, a.get(s).x().length);
            assertEquals(s % 4, a.get(s).label());
            assertArrayEquals(a.get(s).x(), b.get(s).x());
            for (double p : a.get(s).x()) assertTrue(p >= 0 && p <= 1);
        }
        // without noise a horizontal bar lights one row only, a vertical bar one column only
        List<ImageData.Labelled> clean = ImageData.shapes(8, 5, 10, 0, new Random(1));
        assertEquals(1, rowsLit(clean.get(0).x(), 8));
        assertEquals(1, rowsLit(transpose(clean.get(1).x(), 8), 8));
        // the bars move: two horizontal bars at different rows or columns
        boolean moved = false;
        for (int s = 5; s < 10; s += 5) moved |= !java.util.Arrays.equals(clean.get(0).x(), clean.get(s).x());
        assertTrue(moved);
        Dataset d = Datasets.byId(Datasets.SHAPES).orElseThrow();
        assertEquals(64, d.inputs());
        assertEquals(5, d.outputs());
    }

    /** The lecture's parametric approach: f(x, W) = Wx + b gives 10 class scores; softmax and cross-entropy. */
    @Test
    void aLinearClassifierReadsTheDigits() {
        Dataset d = Datasets.byId(Datasets.DIGITS).orElseThrow();
        Network start = Network.initialise(List.of(64, 10), Activation.IDENTITY, Activation.SOFTMAX, 1);
        Sgd sgd = new Sgd(Loss.CROSS_ENTROPY, 0.1);
        Evaluation before = Evaluation.of(start, Loss.CROSS_ENTROPY, d.testXMatrix(), d.testYMatrix());
        Training.Result trained = Training.run(start, sgd, d.xMatrix(), d.yMatrix(), 5, SampleOrder.SHUFFLED, 1);
        Evaluation test = Evaluation.of(trained.network(), Loss.CROSS_ENTROPY, d.testXMatrix(), d.testYMatrix());
        System.out.printf("64-10 softmax linear classifier, 5 epochs, η = 0.1: test accuracy %.1f %% "
                + "(%d test images; %.1f %% before training), test loss %.3f%n",
                100 * test.accuracy(), test.samples(), 100 * before.accuracy(), test.meanLoss());
        assertTrue(test.accuracy() > 0.85, "test accuracy " + test.accuracy());
        int total = 0;
        int diagonal = 0;
        for (int c = 0; c < 10; c++) {
            for (int p = 0; p < 10; p++) total += test.count(c, p);
            diagonal += test.count(c, c);
        }
        assertEquals(d.testSize(), total);
        assertEquals(test.accuracy(), (double) diagonal / total, 0.0);
    }

    /** Lesson 10's claim: on moving shapes one template per class falls short of a hidden layer. */
    @Test
    void oneTemplatePerClassIsNotEnoughForShapesThatMove() {
        Dataset d = Datasets.byId(Datasets.SHAPES).orElseThrow();
        double[] accuracy = new double[2];
        for (int v = 0; v < 2; v++) {
            List<Integer> sizes = v == 0 ? List.of(64, 5) : List.of(64, 32, 5);
            Network start = Network.initialise(sizes, Activation.RELU, Activation.SOFTMAX, 1);
            Training.Result trained = Training.run(start, new Sgd(Loss.CROSS_ENTROPY, 0.1), d.xMatrix(), d.yMatrix(),
                    EPOCHS, SampleOrder.SHUFFLED, 1);
            accuracy[v] = Evaluation.of(trained.network(), Loss.CROSS_ENTROPY, d.testXMatrix(), d.testYMatrix()).accuracy();
        }
        System.out.printf("shapes 8×8, %d epochs, η = 0.1: test accuracy 64-5 linear %.1f %%, 64-32-5 ReLU %.1f %%%n",
                EPOCHS, 100 * accuracy[0], 100 * accuracy[1]);
        assertTrue(accuracy[1] > accuracy[0], java.util.Arrays.toString(accuracy));
    }

    static final int EPOCHS = 20;

    private static int rowsLit(double[] x, int side) {
        int lit = 0;
        for (int r = 0; r < side; r++) {
            boolean any = false;
            for (int c = 0; c < side; c++) any |= x[r * side + c] > 0;
            if (any) lit++;
        }
        return lit;
    }

    private static double[] transpose(double[] x, int side) {
        double[] t = new double[x.length];
        for (int r = 0; r < side; r++) for (int c = 0; c < side; c++) t[c * side + r] = x[r * side + c];
        return t;
    }

    @Test
    void classificationDatasetsNameTheirClassesOutputByOutput() throws java.io.IOException {
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"),
                ImageData.classNames(Datasets.DIGITS, 10).orElseThrow());
        assertEquals(List.of("setosa", "versicolor", "virginica"), ImageData.classNames(Datasets.IRIS, 3).orElseThrow());
        assertEquals(List.of("horizontal bar", "vertical bar", "diagonal"), ImageData.classNames(Datasets.SHAPES, 3)
                .orElseThrow(), "a generator with 3 classes draws the first 3");
        // the iris header names the species in label order, as the names here do
        assertTrue(new String(ImageData.class.getResourceAsStream("/datasets/iris.csv").readNBytes(200),
                java.nio.charset.StandardCharsets.US_ASCII).startsWith("150,4,setosa,versicolor,virginica"));
        assertTrue(ImageData.classNames(Datasets.DIGITS, 9).isEmpty(), "names only when they fit the outputs");
        assertTrue(ImageData.classNames(Datasets.XOR, 1).isEmpty());
        assertEquals(8, ImageData.side(Datasets.DIGITS, 64));
        assertEquals(0, ImageData.side(Datasets.DIGITS, 63));
        assertEquals(0, ImageData.side(Datasets.IRIS, 4), "four numbers are not a 2×2 image");
    }
}

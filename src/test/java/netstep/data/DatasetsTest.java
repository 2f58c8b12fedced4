package netstep.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetsTest {

    static Stream<BuiltIn> builtIns() {
        return Datasets.catalogue().stream();
    }

    static Stream<BuiltIn> generatedBuiltIns() {
        return builtIns().filter(b -> !b.fixedSamples());
    }

    @Test
    void theCatalogueListsEveryBuiltInInMenuOrder() {
        assertEquals(List.of("line", "linear", "and", "or", "xor", "circle", "blobs", "spiral", "regression-3-2",
                        "digits", "iris", "shapes"), builtIns().map(BuiltIn::id).toList());
        assertEquals(builtIns().map(BuiltIn::id).toList(), Datasets.all().stream().map(Dataset::id).toList());
        assertEquals(List.of("line", "and", "or", "xor", "digits", "iris"),
                builtIns().filter(BuiltIn::fixedSamples).map(BuiltIn::id).toList());
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void everyBuiltInGeneratesWithItsDefaultsAsByIdGivesIt(BuiltIn b) {
        Dataset d = Datasets.generate(b.defaults());
        assertEquals(b.id(), d.id());
        assertEquals(b.id(), b.defaults().id());
        assertEquals(b.inputs(), d.inputs());
        assertEquals(b.outputs(), d.outputs());
        assertEquals(b.defaults().size(), d.size() + d.testSize());
        // the image and class datasets hold a fifth out for testing; the lecture's small ones none
        assertEquals(b.defaults().testFraction() > 0, d.hasTest());
        assertEquals(Math.round(b.defaults().size() * b.defaults().testFraction()), d.testSize());
        assertTrue(d.title().startsWith(b.title()), d.title());
        assertTrue(d.title().contains(d.size() + (d.hasTest() ? " training" : " sample")), d.title());
        assertSameNumbers(d, Datasets.byId(b.id()).orElseThrow());
    }

    @ParameterizedTest
    @MethodSource("generatedBuiltIns")
    void otherSizesSeedsAndNoiseGiveThatManySamplesOfTheSameWidths(BuiltIn b) {
        for (int size : new int[] {1, 7, 333, Dataset.MAX_SAMPLES}) {
            DatasetSpec spec = new DatasetSpec(b.id(), size, 0.5, 0, 99);
            Dataset d = Datasets.generate(spec);
            assertEquals(size, d.size());
            assertEquals(b.inputs(), d.inputs());
            assertEquals(b.outputs(), d.outputs());
            for (double[] row : d.xMatrix()) assertTrue(Arrays.stream(row).allMatch(Double::isFinite));
            for (double[] row : d.yMatrix()) assertTrue(Arrays.stream(row).allMatch(Double::isFinite));
        }
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void theSameSpecGivesTheSameNumbers(BuiltIn b) {
        DatasetSpec spec = b.defaults().withTestFraction(0.25).withSeed(7);
        assertSameNumbers(Datasets.generate(spec), Datasets.generate(spec));
        // the title names the built-in and the shape of what was generated (this call compared with itself did not)
        Dataset d = Datasets.generate(spec);
        assertEquals(b.title() + " (" + Datasets.shape(b.inputs(), b.outputs(), d.size(), d.testXs().size()) + ")",
                d.title());
    }

    @ParameterizedTest
    @MethodSource("generatedBuiltIns")
    void anotherSeedGivesOtherNumbers(BuiltIn b) {
        Dataset one = Datasets.generate(b.defaults().withSeed(1));
        Dataset two = Datasets.generate(b.defaults().withSeed(2));
        assertFalse(Arrays.deepEquals(one.xMatrix(), two.xMatrix()), b.id());
    }

    @ParameterizedTest
    @MethodSource("generatedBuiltIns")
    void noiseChangesTheNumbers(BuiltIn b) {
        Dataset quiet = Datasets.generate(b.defaults().withNoise(0));
        Dataset noisy = Datasets.generate(b.defaults().withNoise(1));
        assertFalse(Arrays.deepEquals(quiet.xMatrix(), noisy.xMatrix())
                && Arrays.deepEquals(quiet.yMatrix(), noisy.yMatrix()), b.id());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, 0.1, 0.2, 0.25, 0.5})
    void theSplitHoldsOutRoundSizeTimesFractionOfTheSamples(double fraction) {
        Dataset d = Datasets.generate(new DatasetSpec(Datasets.CIRCLE, 201, 0, fraction, 3));
        int test = (int) Math.round(201 * fraction);
        assertEquals(test, d.testSize());
        assertEquals(201 - test, d.size());
        assertEquals(test > 0, d.hasTest());
        assertEquals(test, d.testXMatrix().length);
        assertEquals(test, d.testYMatrix().length);
        if (test > 0) {
            assertEquals(2, d.testXMatrix()[0].length);
            assertEquals(1, d.testYMatrix()[0].length);
            assertTrue(d.title().contains((201 - test) + " training + " + test + " test samples"), d.title());
        }
    }

    @Test
    void theSplitPartitionsTheSamplesKeepingTheirOrder() {
        // the samples do not depend on the split: training and test together are the unsplit samples
        DatasetSpec spec = new DatasetSpec(Datasets.BLOBS, 50, 0.2, 0.3, 11);
        Dataset whole = Datasets.generate(spec.withTestFraction(0));
        Dataset split = Datasets.generate(spec);
        assertEquals(15, split.testSize());
        int train = 0;
        int test = 0;
        for (int s = 0; s < whole.size(); s++) {
            if (train < split.size() && Arrays.equals(whole.x(s), split.x(train))) {
                train++;
            } else {
                assertArrayEquals(whole.x(s), split.testX(test));
                assertArrayEquals(whole.y(s), split.testY(test));
                test++;
            }
        }
        assertEquals(split.size(), train);
        assertEquals(split.testSize(), test);
    }

    @Test
    void theSplitDependsOnTheSeed() {
        DatasetSpec spec = new DatasetSpec(Datasets.LINE, 4, 0, 0.5, 1);
        boolean differs = false;
        for (long seed = 2; seed < 20 && !differs; seed++) {
            differs = !Arrays.deepEquals(Datasets.generate(spec).testXMatrix(),
                    Datasets.generate(spec.withSeed(seed)).testXMatrix());
        }
        assertTrue(differs);
    }

    @Test
    void aSplitNeverLeavesNoTrainingSample() {
        Dataset d = Datasets.generate(new DatasetSpec(Datasets.LINEAR, 1, 0.2, 0.5, 1));
        assertEquals(1, d.size());
        assertEquals(0, d.testSize());
        Dataset three = Datasets.generate(new DatasetSpec(Datasets.LINEAR, 3, 0.2, 0.5, 1));
        assertEquals(1, three.size());
        assertEquals(2, three.testSize());
    }

    @Test
    void theLineIsTheLecturesTable() {
        Dataset line = Datasets.byId(Datasets.LINE).orElseThrow();
        assertArrayEquals(new double[][] {{5.0}, {1.0}, {1.7}, {0.5}}, line.xMatrix());
        assertArrayEquals(new double[][] {{10.1}, {1.9}, {3.4}, {1.1}}, line.yMatrix());
        assertTrue(line.title().startsWith("y = wx: the lecture's table (1 input, 1 output"), line.title());
    }

    @Test
    void fixedDatasetsIgnoreSizeAndNoise() {
        for (String id : List.of(Datasets.LINE, Datasets.AND, Datasets.OR, Datasets.XOR)) {
            assertSameNumbers(Datasets.byId(id).orElseThrow(),
                    Datasets.generate(new DatasetSpec(id, 500, 0.9, 0, 12345)));
        }
    }

    @Test
    void andOrXorAreTheirTruthTables() {
        double[][] inputs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        assertTruthTable(Datasets.AND, inputs, 0, 0, 0, 1);
        assertTruthTable(Datasets.OR, inputs, 0, 1, 1, 1);
        assertTruthTable(Datasets.XOR, inputs, 0, 1, 1, 0);
    }

    private static void assertTruthTable(String id, double[][] inputs, double... targets) {
        Dataset d = Datasets.byId(id).orElseThrow();
        assertArrayEquals(inputs, d.xMatrix(), id);
        assertArrayEquals(Arrays.stream(targets).mapToObj(t -> new double[] {t}).toArray(double[][]::new),
                d.yMatrix(), id);
    }

    @Test
    void theCircleAndTheRegressionKeepTheSamplesTheyHadBeforeSpecs() {
        Dataset circle = Datasets.byId(Datasets.CIRCLE).orElseThrow();
        assertEquals("Circle (2 inputs, 1 output, 200 samples)", circle.title());
        assertArrayEquals(new double[] {0.36, -0.94}, circle.x(0));
        assertArrayEquals(new double[] {1.19, 0.78}, circle.x(199));
        assertEquals(17.69, sum(circle.xMatrix()), 1e-9);
        assertEquals(77, sum(circle.yMatrix()));
        Dataset regression = Datasets.byId(Datasets.REGRESSION_3_2).orElseThrow();
        assertEquals(12, regression.size());
        assertArrayEquals(new double[] {0.52, 0.26, 0.16}, regression.x(0));
        assertArrayEquals(new double[] {0.65, 0.16}, regression.y(0));
        assertArrayEquals(new double[] {0.95, 0.03, -0.2}, regression.x(11));
        assertArrayEquals(new double[] {1.05, -0.15}, regression.y(11));
        assertEquals(1.58, sum(regression.xMatrix()), 1e-9);
        assertEquals(6.87, sum(regression.yMatrix()), 1e-9);
    }

    @Test
    void circleLabelsAreOneInsideTheUnitCircleWithoutNoise() {
        Dataset d = Datasets.generate(new DatasetSpec(Datasets.CIRCLE, 500, 0, 0, 8));
        for (int s = 0; s < d.size(); s++) {
            double[] x = d.x(s);
            assertEquals(x[0] * x[0] + x[1] * x[1] < 1 ? 1 : 0, d.y(s)[0]);
        }
    }

    @Test
    void linearIsTwoXPlusAHalfWithoutNoise() {
        Dataset d = Datasets.generate(new DatasetSpec(Datasets.LINEAR, 100, 0, 0, 5));
        for (int s = 0; s < d.size(); s++) {
            assertEquals(2 * d.x(s)[0] + 0.5, d.y(s)[0], 0.0051);
            assertTrue(Math.abs(d.x(s)[0]) <= 2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {Datasets.BLOBS, Datasets.SPIRAL, Datasets.CIRCLE})
    void classificationLabelsAreZeroOrOne(String id) {
        Dataset d = Datasets.generate(new DatasetSpec(id, 300, 0.3, 0.2, 4));
        for (double[] y : d.yMatrix()) assertTrue(y[0] == 0 || y[0] == 1);
        for (double[] y : d.testYMatrix()) assertTrue(y[0] == 0 || y[0] == 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {Datasets.BLOBS, Datasets.SPIRAL})
    void blobsAndSpiralAreBalanced(String id) {
        for (int size : new int[] {200, 51}) {
            Dataset d = Datasets.generate(new DatasetSpec(id, size, 0.1, 0.2, 9));
            double ones = sum(d.yMatrix()) + sum(d.testYMatrix());
            assertEquals(size / 2.0, ones, 0.5, id);
            double trainShare = sum(d.yMatrix()) / d.size();
            assertTrue(trainShare > 0.35 && trainShare < 0.65, id + " " + trainShare);
        }
    }

    @Test
    void blobsAreSeparableWithLittleNoise() {
        Dataset d = Datasets.generate(new DatasetSpec(Datasets.BLOBS, 200, 0, 0, 1));
        int right = 0;
        for (int s = 0; s < d.size(); s++) {
            double[] x = d.x(s);
            if ((x[0] + x[1] > 0 ? 1 : 0) == d.y(s)[0]) right++;
        }
        assertTrue(right >= 198, "the line x1 + x2 = 0 separates " + right + " of 200");
    }

    @Test
    void theTwoSpiralsInterleave() {
        // without noise a point at radius r lies at angle 2πr on spiral 0 and half a turn further on spiral 1
        Dataset d = Datasets.generate(new DatasetSpec(Datasets.SPIRAL, 400, 0, 0, 2));
        double maxRadius = 0;
        for (int s = 0; s < d.size(); s++) {
            double[] x = d.x(s);
            double r = Math.hypot(x[0], x[1]);
            maxRadius = Math.max(maxRadius, r);
            if (r < 0.2) continue;
            double expected = 2 * Math.PI * r + d.y(s)[0] * Math.PI;
            double off = Math.IEEEremainder(Math.atan2(x[1], x[0]) - expected, 2 * Math.PI);
            assertEquals(0, off, 0.1, "sample " + s);
        }
        assertTrue(maxRadius <= 1.51 && maxRadius > 1.3, "radius " + maxRadius);
    }

    @Test
    void specsOutsideTheLimitsAreRefusedWithAMessage() {
        assertMessage("There is no built-in dataset \"moons\"", () -> new DatasetSpec("moons", 10, 0, 0, 1));
        assertMessage("There is no built-in dataset without a name", () -> new DatasetSpec(null, 10, 0, 0, 1));
        assertMessage("The number of samples must be between 1 and 5000, not 0",
                () -> new DatasetSpec(Datasets.CIRCLE, 0, 0, 0, 1));
        assertMessage("not 5001", () -> new DatasetSpec(Datasets.CIRCLE, 5001, 0, 0, 1));
        assertMessage("The noise must be between 0 and 1, not -0.1",
                () -> new DatasetSpec(Datasets.CIRCLE, 10, -0.1, 0, 1));
        assertMessage("not 1.5", () -> new DatasetSpec(Datasets.CIRCLE, 10, 1.5, 0, 1));
        assertMessage("not NaN", () -> new DatasetSpec(Datasets.CIRCLE, 10, Double.NaN, 0, 1));
        assertMessage("not Infinity", () -> new DatasetSpec(Datasets.CIRCLE, 10, Double.POSITIVE_INFINITY, 0, 1));
        assertMessage("The test fraction must be between 0 and 0.5, not 0.6",
                () -> new DatasetSpec(Datasets.CIRCLE, 10, 0, 0.6, 1));
        assertMessage("not -0.1", () -> new DatasetSpec(Datasets.CIRCLE, 10, 0, -0.1, 1));
        assertMessage("not NaN", () -> new DatasetSpec(Datasets.CIRCLE, 10, 0, Double.NaN, 1));
        DatasetSpec edge = new DatasetSpec(Datasets.CIRCLE, Dataset.MAX_SAMPLES, 1, 0.5, Long.MIN_VALUE);
        assertEquals(edge, edge.validate());
    }

    @Test
    void unknownIdsHaveNoDataset() {
        assertTrue(Datasets.byId("moons").isEmpty());
        assertTrue(Datasets.builtIn("moons").isEmpty());
        assertEquals(Datasets.CIRCLE, Datasets.builtIn(Datasets.CIRCLE).orElseThrow().id());
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable code) {
        DataException e = assertThrows(DataException.class, code);
        assertTrue(e.getMessage().contains(expected), "expected \"" + expected + "\" in: " + e.getMessage());
    }

    static void assertSameNumbers(Dataset a, Dataset b) {
        assertArrayEquals(a.xMatrix(), b.xMatrix());
        assertArrayEquals(a.yMatrix(), b.yMatrix());
        assertArrayEquals(a.testXMatrix(), b.testXMatrix());
        assertArrayEquals(a.testYMatrix(), b.testYMatrix());
    }

    private static double sum(double[][] rows) {
        return Arrays.stream(rows).flatMapToDouble(Arrays::stream).sum();
    }
}

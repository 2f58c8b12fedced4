package netstep.experiment;

import netstep.json.LessonParser;
import netstep.data.Dataset;
import netstep.data.InputFeature;
import netstep.engine.Layer;
import netstep.engine.Network;
import netstep.engine.SampleOrder;
import netstep.engine.Sgd;
import netstep.engine.Training;
import netstep.engine.Vec;
import netstep.lesson.Lesson;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Input features of 2-D data, on the form and in lesson 12 ("features vs hidden layers"). */
class InputFeaturesTest {

    @Test
    void eachFeatureOfAPointByHand() {
        List<InputFeature> all = List.of(InputFeature.values());
        double[] f = InputFeature.map(all, new double[] {0.5, -2});
        // x₁, x₂, x₁² = 0.25, x₂² = 4, x₁x₂ = −1, sin 0.5 = 0.479425538604203, sin(−2) = −0.9092974268256817
        assertArrayEquals(new double[] {0.5, -2, 0.25, 4, -1, 0.479425538604203, -0.9092974268256817}, f, 1e-15);
        assertEquals(List.of("x₁", "x₂", "x₁²", "x₂²", "x₁x₂", "sin x₁", "sin x₂"), all.stream().map(x -> x.label).toList());
    }

    @Test
    void featuresAreReadInTheirOwnOrderAndBadOnesAreNamed() {
        assertEquals(List.of(InputFeature.X1, InputFeature.X2_SQUARED, InputFeature.SIN_X2),
                InputFeature.parse(" sinx2, x2sq x1 "));
        assertEquals(List.of(), InputFeature.parse(""));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InputFeature.parse("x1,x3"))
                .getMessage().contains("x3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> InputFeature.parse("x1,x1"))
                .getMessage().contains("twice"));
    }

    static Map<String, String> fields(String dataset, String inputs, String hidden, String features) {
        Map<String, String> f = new HashMap<>();
        ConfigForm defaults = ConfigForm.of(Config.defaults());
        for (String k : ConfigForm.fields()) f.put(k, defaults.value(k));
        for (String k : List.of(ConfigForm.SIZE, ConfigForm.NOISE, ConfigForm.TEST_FRACTION, ConfigForm.DATA_SEED)) {
            f.put(k, "");
        }
        f.put(ConfigForm.DATASET, dataset);
        f.put(ConfigForm.INPUTS, inputs);
        f.put(ConfigForm.OUTPUTS, "1");
        f.put(ConfigForm.HIDDEN, hidden);
        f.put(ConfigForm.FEATURES, features);
        return f;
    }

    @Test
    void theInputLayersWidthFollowsTheFeatures() {
        ConfigForm form = ConfigForm.parse(fields("circle", "2", "4", "x1,x2,x1x2,sinx1,sinx2"));
        Config config = form.config().orElseThrow(() -> new AssertionError(form.errors()));
        assertEquals(5, config.inputs());
        assertEquals(List.of(5, 4, 1), config.sizes());
        Dataset data = config.dataset();
        assertEquals(5, data.inputs());
        Dataset raw = config.data().raw().dataset();
        double[] x = raw.x(3);
        assertArrayEquals(new double[] {x[0], x[1], x[0] * x[1], StrictMath.sin(x[0]), StrictMath.sin(x[1])}, data.x(3), 0.0);
        assertEquals(raw.y(3)[0], data.y(3)[0], 0.0);
        // the form shows what it was given, and reads it back to the same configuration
        ConfigForm shown = ConfigForm.of(config);
        assertEquals("x1,x2,x1x2,sinx1,sinx2", shown.value(ConfigForm.FEATURES));
        assertEquals("5", shown.value(ConfigForm.INPUTS));
        Map<String, String> again = new HashMap<>();
        for (String k : ConfigForm.fields()) again.put(k, shown.value(k));
        assertEquals(config, ConfigForm.parse(again).config().orElseThrow());
        // no features: the raw point, as before
        assertEquals(2, ConfigForm.parse(fields("circle", "2", "4", "")).config().orElseThrow().dataset().inputs());
    }

    @Test
    void featuresNeedTwoDimensionalDataAndKnownIds() {
        ConfigForm threeD = ConfigForm.parse(fields("regression-3-2", "3", "4", "x1sq"));
        assertFalse(threeD.valid());
        assertTrue(threeD.error(ConfigForm.FEATURES).orElse("").contains("2-D"), threeD.errors().toString());
        ConfigForm unknown = ConfigForm.parse(fields("circle", "2", "4", "x1,cos"));
        assertTrue(unknown.error(ConfigForm.FEATURES).orElse("").contains("cos"), unknown.errors().toString());
    }

    // ---------------------------------------------------------------- lesson 12

    static Lesson lesson() {
        return LessonParser.library(null).lesson("12-features-vs-hidden-layers").orElseThrow();
    }

    static List<Double> train(Config c, double eta, int epochs) {
        Network start = Network.initialise(c.sizes(), c.hiddenActivation(), c.outputActivation(), c.seed());
        return Training.run(start, new Sgd(c.loss(), eta), c.dataset().xMatrix(), c.dataset().yMatrix(), epochs,
                c.order(), c.seed()).lossHistory();
    }

    @Test
    void aSingleLinearLayerOnTheSquaresReachesALossItCannotReachOnThePoint() {
        Lesson lesson = lesson();
        assertEquals(3, lesson.variants().size());
        Config raw = lesson.variants().get(0).config();
        Config squares = lesson.variants().get(1).config();
        Config hidden = lesson.variants().get(2).config();
        assertEquals(List.of(2, 1), raw.sizes());
        assertEquals(List.of(2, 1), squares.sizes());
        assertTrue(squares.data() instanceof DataSource.Featured f
                && f.features().equals(List.of(InputFeature.X1_SQUARED, InputFeature.X2_SQUARED)));

        // "within 50 epochs below 0.01"
        List<Double> onSquares = train(squares, squares.learningRate(), 50);
        assertTrue(onSquares.get(49) < 0.01, "on x₁², x₂²: " + onSquares.get(49));
        // "never below 0.11, however long": longer, and with other learning rates, on the raw point
        for (double eta : new double[] {0.3, 1, 3}) {
            double best = Collections.min(train(raw, eta, 500));
            assertTrue(best > 0.11, "on x₁, x₂ with η = " + eta + ": " + best);
        }
        // "about 0.02 after 50 epochs" with a hidden layer of 4
        double withHidden = train(hidden, hidden.learningRate(), 50).get(49);
        assertTrue(withHidden > 0.01 && withHidden < 0.03, "2-4-1: " + withHidden);
        assertEquals(17, hidden.parameterCount().total());
    }

    /** "w₁ = w₂ = −10 and b = 10 gets every point right": the squares make the circle linearly separable. */
    @Test
    void theHandPickedLayerSeparatesTheCircleOnTheSquares() {
        Dataset data = lesson().variants().get(1).config().dataset();
        Network separator = new Network(List.of(new Layer(new double[][] {{-10, -10}}, new double[] {10},
                netstep.engine.Activation.SIGMOID)));
        for (int s = 0; s < data.size(); s++) {
            double yHat = separator.predict(Vec.of(data.x(s))).get(0);
            assertEquals(data.y(s)[0], yHat > 0.5 ? 1 : 0, 0.0, "sample " + s);
        }
    }
}

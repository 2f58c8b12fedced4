package netstep.experiment;

import netstep.data.Datasets;
import netstep.engine.Activation;
import netstep.engine.Layer;
import netstep.engine.Loss;
import netstep.engine.Masks;
import netstep.engine.SampleOrder;
import netstep.engine.StepTrace;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A locally connected first layer through the configuration form and the experiment, not only the engine. */
class LocallyConnectedTest {

    static Map<String, String> digitsForm(String hidden, String window, String stride) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put(ConfigForm.INPUTS, "64");
        form.put(ConfigForm.HIDDEN, hidden);
        form.put(ConfigForm.OUTPUTS, "10");
        form.put(ConfigForm.HIDDEN_ACTIVATION, "relu");
        form.put(ConfigForm.OUTPUT_ACTIVATION, "softmax");
        form.put(ConfigForm.SLOPE, "0.02");
        form.put(ConfigForm.LOSS, "cross_entropy");
        form.put(ConfigForm.LEARNING_RATE, "0.1");
        form.put(ConfigForm.SEED, "1");
        form.put(ConfigForm.DATASET, Datasets.DIGITS);
        form.put(ConfigForm.ORDER, "shuffled");
        form.put(ConfigForm.WINDOW, window);
        form.put(ConfigForm.STRIDE, stride);
        return form;
    }

    private static Config local3x3() {
        ConfigForm form = ConfigForm.parse(digitsForm("36", "3", "1"));
        assertTrue(form.valid(), form.errors().toString());
        return form.config().orElseThrow();
    }

    @Test
    void theFormBuildsAMaskedFirstLayerAndCountsItTheLecturesWay() {
        Config c = local3x3();
        assertEquals(new LocalConnection(3, 1), c.local());
        assertEquals(List.of(64, 36, 10), c.sizes());
        // 36 neurons × 3×3 = 324 weights instead of 64 × 36 = 2,304
        assertEquals(324 + 360, c.parameterCount().weights());
        assertEquals("fully connected 64 × 36 = 2,304 weights; locally connected 36 neurons × 3×3 = 324 weights",
                c.local().comparison(8));
        Experiment e = new Experiment(c);
        Layer first = e.network().layer(0);
        assertTrue(first.masked());
        assertEquals("locally connected 36 neurons × 3×3 = 324 weights", first.connectivity());
        assertEquals(c.parameterCount(), e.network().parameterCount());
        double[][] mask = Masks.window(8, 8, 3, 1);
        int lively = 0;
        for (int j = 0; j < 36; j++) {
            for (int i = 0; i < 64; i++) {
                if (mask[j][i] == 0) assertEquals(0.0, first.weight(j, i), "masked weight (" + j + ", " + i + ")");
                else if (first.weight(j, i) != 0) lively++;
            }
        }
        assertEquals(324, lively, "every weight in a window starts from the seed, not 0");
    }

    @Test
    void theFirstHiddenWidthFollowsTheWindow() {
        ConfigForm form = ConfigForm.parse(digitsForm("5,8", "4", "2"));
        assertTrue(form.valid(), form.errors().toString());
        assertEquals(List.of(64, 9, 8, 10), form.config().orElseThrow().sizes(), "(8 − 4)/2 + 1 = 3 per side, 9 neurons");
        assertEquals("9,8", form.value(ConfigForm.HIDDEN));
        assertEquals(9 * 16, form.config().orElseThrow().parameterCount().layerWeights().get(0));
    }

    @Test
    void maskedWeightsGetNoGradientAndStayZeroThroughSteppingAndTraining() {
        Experiment e = new Experiment(local3x3());
        double[][] mask = Masks.window(8, 8, 3, 1);
        for (int s = 0; s < 5; s++) {
            e.wholeStep();
            StepTrace t = e.trace().orElseThrow();
            var g = t.backward().get(0).dL_dW();
            boolean someGradient = false;
            for (int j = 0; j < 36; j++) {
                for (int i = 0; i < 64; i++) {
                    if (mask[j][i] == 0) {
                        assertEquals(0.0, g.get(j, i), "∂L/∂W at a masked weight");
                        assertEquals(0.0, t.after().layer(0).weight(j, i), "a masked weight after the update");
                    } else if (g.get(j, i) != 0) {
                        someGradient = true;
                    }
                }
            }
            assertTrue(someGradient || s > 0, "the window's weights do learn");
        }
        TrainingRun run = e.startTraining(1).orElseThrow();
        run.run();
        e.finishTraining(run);
        assertEquals(TrainingRun.State.DONE, run.state());
        Layer first = e.network().layer(0);
        assertTrue(first.masked(), "the trained network keeps its mask");
        for (int j = 0; j < 36; j++) {
            for (int i = 0; i < 64; i++) if (mask[j][i] == 0) assertEquals(0.0, first.weight(j, i));
        }
        assertNotEquals(new Experiment(local3x3()).network(), e.network(), "it learned");
    }

    @Test
    void aSavedNetworkMustHaveItsSettingsMask() {
        Experiment local = new Experiment(local3x3());
        Config full = ConfigForm.parse(digitsForm("36", "", "")).config().orElseThrow();
        assertEquals(null, full.local());
        Experiment e = new Experiment(full);
        // the fully connected network under the locally connected settings, and the other way round
        IllegalArgumentException a = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> e.restore(local3x3(), e.network(), 0, List.of(), List.of(), List.of()));
        assertTrue(a.getMessage().contains("mask"), a.getMessage());
        IllegalArgumentException b = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> e.restore(full, local.network(), 0, List.of(), List.of(), List.of()));
        assertTrue(b.getMessage().contains("locally connected"), b.getMessage());
        assertFalse(e.network().layer(0).masked(), "a refused state leaves the experiment as it was");
    }

    @Test
    void theFormRefusesWhatALocallyConnectedLayerCannotBe() {
        // field changes, the field whose message explains, words of the message
        Object[][] cases = {
                {Map.of(ConfigForm.WINDOW, "three"), ConfigForm.WINDOW, "whole number"},
                {Map.of(ConfigForm.WINDOW, "0"), ConfigForm.WINDOW, "1 or more"},
                {Map.of(ConfigForm.WINDOW, "-2"), ConfigForm.WINDOW, "1 or more"},
                {Map.of(ConfigForm.WINDOW, "9"), ConfigForm.WINDOW, "does not fit the 8×8 image"},
                {Map.of(ConfigForm.STRIDE, "0"), ConfigForm.STRIDE, "1 or more"},
                {Map.of(ConfigForm.STRIDE, "1.5"), ConfigForm.STRIDE, "whole number"},
                {Map.of(ConfigForm.STRIDE, "9"), ConfigForm.STRIDE, "from 1 to 8"},
                {Map.of(ConfigForm.WINDOW, "", ConfigForm.STRIDE, "x"), ConfigForm.STRIDE, "whole number"},
                {Map.of(ConfigForm.HIDDEN, ""), ConfigForm.HIDDEN, "is a hidden layer"},
                {Map.of(ConfigForm.DATASET, Datasets.IRIS, ConfigForm.INPUTS, "4", ConfigForm.OUTPUTS, "3"),
                        ConfigForm.WINDOW, "needs image inputs"},
        };
        StringBuilder failures = new StringBuilder();
        for (Object[] c : cases) {
            Map<String, String> fields = digitsForm("36", "3", "1");
            @SuppressWarnings("unchecked") Map<String, String> change = (Map<String, String>) c[0];
            fields.putAll(change);
            ConfigForm form = ConfigForm.parse(fields);
            String message = form.error((String) c[1]).orElse("");
            if (form.valid() || !message.contains((String) c[2])) {
                failures.append(change).append(": ").append(form.errors()).append('\n');
            }
        }
        assertEquals("", failures.toString());
    }

    @Test
    void anOldFormWithoutTheFieldsIsFullyConnected() {
        Map<String, String> fields = digitsForm("16", "", "");
        fields.remove(ConfigForm.WINDOW);
        fields.remove(ConfigForm.STRIDE);
        ConfigForm form = ConfigForm.parse(fields);
        assertTrue(form.valid(), form.errors().toString());
        assertEquals(null, form.config().orElseThrow().local());
        assertFalse(new Experiment(form.config().orElseThrow()).network().layer(0).masked());
        assertEquals(new Config(64, List.of(16), 10, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0.1, 1,
                Datasets.DIGITS, SampleOrder.SHUFFLED).local(), null);
    }

    @Test
    void theFormShowsTheConfigurationItBuilt() {
        Config c = local3x3();
        ConfigForm shown = ConfigForm.of(c);
        assertEquals("3", shown.value(ConfigForm.WINDOW));
        assertEquals("1", shown.value(ConfigForm.STRIDE));
        Map<String, String> again = new LinkedHashMap<>();
        for (String f : ConfigForm.fields()) again.put(f, shown.value(f));
        assertEquals(c, ConfigForm.parse(again).config().orElseThrow());
    }
}

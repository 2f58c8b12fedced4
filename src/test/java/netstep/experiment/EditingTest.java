package netstep.experiment;

import netstep.data.Datasets;
import netstep.engine.Activation;
import netstep.engine.Loss;
import netstep.engine.SampleOrder;
import netstep.engine.StepTrace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Frozen biases and hand-set weights: the lecture's "what do you think the weight is?" tried for real. */
class EditingTest {

    static Config perceptron(boolean trainBiases) {
        return new Config(1, List.of(), 1, Activation.IDENTITY, Activation.IDENTITY, Loss.L2, 0.02, 1, Datasets.LINE,
                SampleOrder.SEQUENTIAL, trainBiases);
    }

    @Test
    void frozenBiasesAreNotTrainedAndTheTraceShowsThemUnchanged() {
        Experiment e = new Experiment(perceptron(false));
        for (int i = 0; i < 5; i++) e.wholeStep();
        StepTrace t = e.trace().orElseThrow();
        assertFalse(t.biasesTrained());
        assertEquals(0.0, e.network().layer(0).bias(0), "the bias starts at 0 and stays there");
        assertEquals(t.before().layer(0).bias(0), t.after().layer(0).bias(0));
        assertNotEquals(t.before().layer(0).weight(0, 0), t.after().layer(0).weight(0, 0), "weights still learn");
    }

    @Test
    void aGuessedWeightIsUsedByTheNextStep() {
        Experiment e = new Experiment(perceptron(false));
        e.setParameter(ParameterRef.parse("W1[1,1]"), 2.0);
        assertEquals(2.0, e.network().layer(0).weight(0, 0));
        assertTrue(e.notice().orElseThrow().contains("next step starts from it"));
        // mean loss with w = 2 on the lecture's table: ½[(10.1−10)² + (1.9−2)² + (3.4−3.4)² + (1.1−1)²] / 4
        double expected = 0.5 * (0.01 + 0.01 + 0 + 0.01) / 4;
        assertEquals(expected, e.currentMeanLoss(), 1e-12);
        e.goTo(netstep.experiment.Phase.FORWARD);
        assertEquals(10.0, e.trace().orElseThrow().prediction().get(0), 1e-12, "ŷ = wx = 2 · 5");
    }

    @Test
    void editingDuringAStepRecomputesItsTrace() {
        Experiment e = new Experiment(perceptron(true));
        e.goTo(Phase.BACKWARD);
        e.setParameter(ParameterRef.parse("w1-1-1"), 1.0);
        StepTrace t = e.trace().orElseThrow();
        assertEquals(Phase.BACKWARD, e.phase(), "the student stays on the phase they were reading");
        // x = 5, y = 10.1, w = 1, b = 0: ŷ = 5, ∂L/∂w = −(y − ŷ)x = −25.5
        assertEquals(5.0, t.prediction().get(0), 1e-12);
        assertEquals(-25.5, t.backward().get(0).dL_dW().get(0, 0), 1e-12);
        e.goTo(Phase.UPDATE);
        assertEquals(1.0 + 0.02 * 25.5, e.network().layer(0).weight(0, 0), 1e-12);
    }

    @Test
    void badEditsAreRefusedAndChangeNothing() {
        Experiment e = new Experiment(Config.defaults());
        var before = e.network();
        assertThrows(IllegalArgumentException.class, () -> e.setParameter(ParameterRef.parse("W3[1,1]"), 1));
        assertThrows(IllegalArgumentException.class, () -> e.setParameter(ParameterRef.parse("W1[5,1]"), 1));
        assertThrows(IllegalArgumentException.class, () -> e.setParameter(ParameterRef.parse("b2[1]"), Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> e.setParameter(ParameterRef.parse("b2[1]"), 1e9));
        assertThrows(IllegalArgumentException.class, () -> ParameterRef.parse("W1[1]"));
        assertThrows(IllegalArgumentException.class, () -> ParameterRef.parse("x1-1"));
        assertSame(before, e.network());
    }

    @Test
    void parameterNamesAsThePageWritesThem() {
        assertEquals(new ParameterRef(2, 1, 3), ParameterRef.parse("W₂[1,3]"));
        assertEquals(new ParameterRef(2, 1, 3), ParameterRef.parse(" w2[1, 3] "));
        assertEquals(new ParameterRef(2, 1, 3), ParameterRef.parse("w2-1-3"));
        assertEquals(new ParameterRef(1, 4, 0), ParameterRef.parse("b1[4]"));
        assertEquals(new ParameterRef(1, 4, 0), ParameterRef.parse("b1-4"));
        assertEquals("W₂[1,3]", ParameterRef.parse("w2-1-3").label());
    }
}

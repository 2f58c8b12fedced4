package netstep.experiment;

import netstep.data.Datasets;
import netstep.engine.Activation;
import netstep.engine.Loss;
import netstep.engine.SampleOrder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** The loss curve's x axis stays in steps whether the student stepped or trained whole epochs. */
class LossStepsTest {

    @Test
    void stepsThenATrainingRunNumberEveryLossByTheStepAfterWhichItWasMeasured() {
        Experiment e = new Experiment(new Config(2, List.of(2), 1, Activation.TANH, Activation.SIGMOID, Loss.L2, 0.5, 3,
                Datasets.XOR, SampleOrder.SHUFFLED));
        e.wholeStep();
        e.wholeStep();
        assertEquals(List.of(0, 1, 2), e.lossSteps());
        TrainingRun run = e.startTraining(3).orElseThrow();
        run.run();
        e.finishTraining(run);
        // XOR has 4 samples: 2 stepped, then the run ends epoch 1 at step 4, epoch 2 at 8, epoch 3 at 12
        assertEquals(List.of(0, 1, 2, 4, 8, 12), e.lossSteps());
        assertEquals(e.lossSteps().size(), e.lossHistory().size());
        assertEquals(12, e.steps());
    }

    @Test
    void aLongHistoryIsThinnedKeepingTheFirstAndLastValues() {
        java.util.List<Double> values = new java.util.ArrayList<>();
        java.util.List<Integer> steps = new java.util.ArrayList<>();
        for (int i = 0; i <= Experiment.MAX_LOSS_VALUES; i++) {
            values.add(1.0 / (i + 1));
            steps.add(i * 3);
        }
        Experiment.thin(values, steps);
        assertTrue(values.size() <= Experiment.MAX_LOSS_VALUES / 2 + 2, "halved: " + values.size());
        assertEquals(values.size(), steps.size());
        assertEquals(0, steps.get(0));
        assertEquals(Experiment.MAX_LOSS_VALUES * 3, steps.get(steps.size() - 1), "the last value stays");
        assertEquals(1.0 / (Experiment.MAX_LOSS_VALUES + 1), values.get(values.size() - 1));
        for (int i = 1; i < steps.size(); i++) {
            assertTrue(steps.get(i) > steps.get(i - 1));
            assertEquals(1.0 / (steps.get(i) / 3 + 1), values.get(i), "each value stays with its step");
        }
    }
}

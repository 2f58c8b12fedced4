package netstep.experiment;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A training run off the session lock, taken in by the experiment; and the bounded loss history. */
class TrainingRunTest {
    final Experiment ex = new Experiment(Config.defaults());

    @Test
    void aRunEndsWhereTheSameEpochsOfWholeStepsWould() {
        TrainingRun run = ex.startTraining(3).orElseThrow();
        assertEquals(36, run.totalSteps());
        assertSame(run, ex.training().orElseThrow());
        run.run();
        assertEquals(TrainingRun.State.DONE, run.state());
        ex.finishTraining(run);

        Experiment stepped = new Experiment(Config.defaults());
        for (int i = 0; i < 3; i++) stepped.epoch();
        assertEquals(stepped.network(), ex.network());
        assertEquals(36, ex.steps());
        assertEquals(3, ex.epochs());
        assertTrue(ex.training().isEmpty());
        assertSame(run, ex.lastTraining().orElseThrow());
        List<Double> history = ex.lossHistory();
        assertEquals(1 + 3, history.size(), "the start, then one mean loss per trained epoch");
        assertEquals(stepped.currentMeanLoss(), ex.currentMeanLoss(), 1e-12);
    }

    @Test
    void onlyOneRunAtATimeAndEpochsAreBounded() {
        ex.startTraining(1);
        assertThrows(IllegalStateException.class, () -> ex.startTraining(1));
        Experiment other = new Experiment(Config.defaults());
        assertThrows(IllegalArgumentException.class, () -> other.startTraining(0));
        assertThrows(IllegalArgumentException.class, () -> other.startTraining(Experiment.MAX_TRAINING_EPOCHS + 1));
    }

    @Test
    void aRunCancelledBeforeItStartsChangesNothing() {
        var start = ex.network();
        TrainingRun run = ex.startTraining(5).orElseThrow();
        run.cancel();
        run.run();
        ex.finishTraining(run);
        assertEquals(TrainingRun.State.CANCELLED, run.state());
        assertEquals(start, ex.network());
        assertEquals(0, ex.steps());
    }

    @Test
    void aRunFromBeforeAResetIsIgnored() {
        TrainingRun run = ex.startTraining(2).orElseThrow();
        ex.reset();
        assertTrue(run.cancelRequested(), "reset cancels the run");
        run.run();
        ex.finishTraining(run);
        assertEquals(0, ex.steps());
        assertTrue(ex.lastTraining().isEmpty());
    }
}

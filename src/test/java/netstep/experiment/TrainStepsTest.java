package netstep.experiment;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** "Train N steps": the same as N clicks on Whole step, within bounds. */
class TrainStepsTest {

    @Test
    void nStepsAtOnceGiveTheNetworkAndHistoryOfNWholeSteps() {
        Experiment bulk = new Experiment(Config.defaults());
        Experiment clicked = new Experiment(Config.defaults());
        // a step in progress is finished first and counts as one
        bulk.advance();
        bulk.advance();
        clicked.advance();
        clicked.advance();
        bulk.trainSteps(7);
        for (int i = 0; i < 7; i++) clicked.wholeStep();
        assertEquals(clicked.steps(), bulk.steps());
        assertEquals(7, bulk.steps());
        assertEquals(clicked.network(), bulk.network());
        assertEquals(clicked.lossHistory(), bulk.lossHistory());
        assertEquals(clicked.sampleIndex(), bulk.sampleIndex());
        assertEquals(Phase.UPDATE, bulk.phase());
    }

    @Test
    void outOfBoundsCountsAreRefusedAndChangeNothing() {
        Experiment e = new Experiment(Config.defaults());
        e.trainSteps(2);
        var before = e.network();
        for (int n : new int[] {0, -3, Experiment.MAX_STEPS_AT_ONCE + 1}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> e.trainSteps(n));
            assertTrue(refused.getMessage().contains(String.valueOf(Experiment.MAX_STEPS_AT_ONCE)), refused.getMessage());
        }
        assertEquals(2, e.steps());
        assertSame(before, e.network());
        e.trainSteps(Experiment.MAX_STEPS_AT_ONCE);
        assertEquals(2 + Experiment.MAX_STEPS_AT_ONCE, e.steps());
    }

    @Test
    void divergenceStopsTheRunWithItsNotice() {
        Experiment e = new Experiment(ExperimentTest.divergent());
        int clicks = ExperimentTest.stepUntilNotice(new Experiment(ExperimentTest.divergent()));
        e.trainSteps(Experiment.MAX_STEPS_AT_ONCE);
        assertTrue(e.notice().orElseThrow().contains("diverged"));
        assertTrue(e.steps() < clicks, e.steps() + " steps before diverging, the clicks took " + clicks);
        assertTrue(e.network().allFinite());
    }
}

package netstep.experiment;

import netstep.data.Dataset;
import netstep.engine.Activation;
import netstep.engine.Loss;
import netstep.engine.Network;
import netstep.engine.SampleOrder;
import netstep.engine.SampleSchedule;
import netstep.engine.Sgd;
import netstep.engine.StepTrace;
import netstep.engine.Training;
import netstep.engine.Vec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExperimentTest {
    final Config config = Config.defaults();
    final Experiment ex = new Experiment(config);
    final Dataset data = config.dataset();

    /** The network the default config's seed gives, built independently of the Experiment. */
    Network seeded() {
        return Network.initialise(config.sizes(), config.hiddenActivation(), config.outputActivation(), config.seed());
    }

    /** The mean loss over the dataset by a plain loop over per-sample predictions. */
    double meanLoss(Network net) {
        double total = 0;
        for (int s = 0; s < data.size(); s++) {
            Vec yHat = net.predict(Vec.of(data.x(s)));
            double[] y = data.y(s);
            for (int k = 0; k < y.length; k++) total += config.loss().term(yHat.get(k), y[k]);
        }
        return total / data.size();
    }

    /** The sample order the default config's seed gives, independently of the Experiment. */
    List<Integer> order(int steps) {
        SampleSchedule schedule = new SampleSchedule(data.size(), config.order(), config.seed());
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < steps; i++) out.add(schedule.next());
        return out;
    }

    void wholeSteps(int n) {
        for (int i = 0; i < n; i++) ex.wholeStep();
    }

    @Test
    void theDefaultsAreTheLectures342Mlp() {
        assertEquals(List.of(3, 4, 2), config.sizes());
        assertEquals(26, config.parameterCount().total());
        assertEquals(3, data.inputs());
        assertEquals(2, data.outputs());
    }

    @Test
    void startsReadyOnTheSeedsNetwork() {
        assertEquals(Phase.READY, ex.phase());
        assertEquals(0, ex.steps());
        assertEquals(0, ex.epochs());
        assertEquals(0, ex.positionInEpoch());
        assertTrue(ex.trace().isEmpty());
        assertTrue(ex.notice().isEmpty());
        assertFalse(ex.stepInProgress());
        assertEquals(seeded(), ex.network());
        assertEquals(1, ex.lossHistory().size());
        assertEquals(meanLoss(seeded()), ex.currentMeanLoss(), 1e-12);
    }

    @Test
    void goToReadyDoesNothing() {
        ex.goTo(Phase.READY);
        assertEquals(Phase.READY, ex.phase());
        assertTrue(ex.trace().isEmpty());
    }

    @Test
    void forwardPicksTheScheduledSampleAndLeavesTheNetworkAlone() {
        ex.goTo(Phase.FORWARD);
        assertEquals(Phase.FORWARD, ex.phase());
        assertTrue(ex.stepInProgress());
        int expectedSample = order(1).get(0);
        assertEquals(expectedSample, ex.sampleIndex());
        StepTrace trace = ex.trace().orElseThrow();
        assertEquals(Vec.of(data.x(expectedSample)), trace.x());
        assertEquals(Vec.of(data.y(expectedSample)), trace.y());
        // nothing is applied before UPDATE
        assertEquals(seeded(), ex.network());
        assertEquals(seeded(), trace.before());
        assertEquals(0, ex.steps());
        assertEquals(0, ex.positionInEpoch());
        assertEquals(1, ex.lossHistory().size());

        // asking for a phase already shown changes nothing; later phases reveal the same step
        ex.goTo(Phase.PICK);
        assertEquals(Phase.FORWARD, ex.phase());
        ex.goTo(Phase.LOSS);
        assertEquals(Phase.LOSS, ex.phase());
        ex.goTo(Phase.BACKWARD);
        assertEquals(Phase.BACKWARD, ex.phase());
        assertSame(trace, ex.trace().orElseThrow());
        assertEquals(seeded(), ex.network());
        assertEquals(0, ex.steps());
    }

    @Test
    void updateAppliesTheTraceAndCountsAStep() {
        ex.goTo(Phase.UPDATE);
        assertEquals(Phase.UPDATE, ex.phase());
        assertFalse(ex.stepInProgress());
        StepTrace trace = ex.trace().orElseThrow();
        assertEquals(trace.after(), ex.network());

        // the same step computed independently
        int sample = order(1).get(0);
        StepTrace independent = new Sgd(config.loss(), config.learningRate())
                .step(seeded(), Vec.of(data.x(sample)), Vec.of(data.y(sample)));
        assertEquals(independent.after(), ex.network());
        assertNotEquals(seeded(), ex.network());

        assertEquals(1, ex.steps());
        assertEquals(1, ex.positionInEpoch());
        assertEquals(2, ex.lossHistory().size());
        assertEquals(meanLoss(seeded()), ex.lossHistory().get(0), 1e-12);
        assertEquals(meanLoss(independent.after()), ex.currentMeanLoss(), 1e-12);
    }

    @Test
    void advanceCyclesThroughThePhases() {
        List<Integer> order = order(2);
        Phase[] expected = {Phase.PICK, Phase.FORWARD, Phase.LOSS, Phase.BACKWARD, Phase.UPDATE};
        for (int step = 0; step < 2; step++) {
            for (Phase phase : expected) {
                ex.advance();
                assertEquals(phase, ex.phase());
                assertEquals(order.get(step), ex.sampleIndex());
                assertEquals(phase == Phase.UPDATE ? step + 1 : step, ex.steps());
            }
        }
        assertEquals(3, ex.lossHistory().size());
        assertEquals(Phase.values().length - 1, Phase.steps().length);
    }

    @Test
    void pickingTheNextSampleKeepsTheUpdatedNetwork() {
        ex.wholeStep();
        Network afterFirst = ex.network();
        ex.advance();
        assertEquals(Phase.PICK, ex.phase());
        assertEquals(order(2).get(1), ex.sampleIndex());
        assertEquals(afterFirst, ex.network());
        assertEquals(afterFirst, ex.trace().orElseThrow().before());
        assertEquals(1, ex.steps());
    }

    @Test
    void wholeStepFinishesTheStepInProgress() {
        ex.goTo(Phase.LOSS);
        int sample = ex.sampleIndex();
        StepTrace trace = ex.trace().orElseThrow();
        ex.wholeStep();
        assertEquals(Phase.UPDATE, ex.phase());
        assertEquals(sample, ex.sampleIndex());
        assertSame(trace, ex.trace().orElseThrow());
        assertEquals(1, ex.steps());
        // and from a finished step, a whole new one
        ex.wholeStep();
        assertEquals(2, ex.steps());
        assertEquals(order(2).get(1), ex.sampleIndex());
    }

    @Test
    void anEpochFromTheStartIsOneStepPerSample() {
        ex.epoch();
        assertEquals(data.size(), ex.steps());
        assertEquals(1, ex.epochs());
        assertEquals(0, ex.positionInEpoch());
        assertEquals(Phase.UPDATE, ex.phase());
        assertEquals(data.size() + 1, ex.lossHistory().size());

        // the same epoch by Training.run, which reshuffles from the same seed
        Training.Result result = Training.run(seeded(), new Sgd(config.loss(), config.learningRate()),
                data.xMatrix(), data.yMatrix(), 1, config.order(), config.seed());
        assertEquals(result.network(), ex.network());
        assertEquals(result.lossHistory().get(0), ex.currentMeanLoss(), 1e-12);

        ex.epoch();
        assertEquals(2 * data.size(), ex.steps());
        assertEquals(2, ex.epochs());
        assertEquals(0, ex.positionInEpoch());
        assertEquals(2 * data.size() + 1, ex.lossHistory().size());
    }

    @Test
    void anEpochFromMidEpochFinishesIt() {
        wholeSteps(5);
        assertEquals(5, ex.positionInEpoch());
        ex.epoch();
        assertEquals(data.size(), ex.steps());
        assertEquals(1, ex.epochs());
        assertEquals(0, ex.positionInEpoch());
    }

    @Test
    void anEpochFinishesAStepInProgressFirst() {
        wholeSteps(3);
        ex.goTo(Phase.FORWARD);
        ex.epoch();
        assertEquals(data.size(), ex.steps());
        assertEquals(1, ex.epochs());
        assertEquals(0, ex.positionInEpoch());
    }

    @Test
    void anEpochDuringTheLastSampleOnlyFinishesThatStep() {
        wholeSteps(data.size() - 1);
        ex.goTo(Phase.BACKWARD);
        ex.epoch();
        assertEquals(data.size(), ex.steps());
        assertEquals(1, ex.epochs());
        assertEquals(0, ex.positionInEpoch());
    }

    @Test
    void resetReturnsToTheSeedsNetwork() {
        ex.wholeStep();
        StepTrace first = ex.trace().orElseThrow();
        wholeSteps(6);
        ex.goTo(Phase.LOSS);
        ex.reset();
        assertEquals(Phase.READY, ex.phase());
        assertEquals(seeded(), ex.network());
        assertEquals(0, ex.steps());
        assertEquals(0, ex.epochs());
        assertEquals(0, ex.positionInEpoch());
        assertEquals(1, ex.lossHistory().size());
        assertTrue(ex.trace().isEmpty());
        // and replays the same steps
        ex.wholeStep();
        assertEquals(first, ex.trace().orElseThrow());
        assertEquals(first.after(), ex.network());
    }

    @Test
    void configureStartsOverWithTheNewConfig() {
        wholeSteps(3);
        Config other = new Config(3, List.of(5), 2, Activation.TANH, Activation.IDENTITY, Loss.L2, 0.05, 9,
                config.datasetId(), SampleOrder.SEQUENTIAL);
        ex.configure(other);
        assertEquals(0, ex.steps());
        assertEquals(Network.initialise(List.of(3, 5, 2), Activation.TANH, Activation.IDENTITY, 9), ex.network());
        ex.wholeStep();
        assertEquals(0, ex.sampleIndex());
    }

    /** y = wx on the lecture's table with η = 10: each visit of x = 5 multiplies the error by 1 − 10·25 = −249. */
    static Config divergent() {
        return new Config(1, List.of(), 1, Activation.IDENTITY, Activation.IDENTITY, Loss.L2, 10, 1, "line",
                SampleOrder.SEQUENTIAL);
    }

    /** Steps until a notice appears; returns how many calls that took. */
    static int stepUntilNotice(Experiment e) {
        for (int i = 1; i <= 2_000; i++) {
            e.wholeStep();
            if (e.notice().isPresent()) return i;
        }
        throw new AssertionError("no notice after 2000 steps; steps = " + e.steps());
    }

    @Test
    void aHugeLearningRateDivergesWithoutPoisoningTheNetwork() {
        Experiment e = new Experiment(divergent());
        assertEquals(List.of(1, 1), e.config().sizes());
        stepUntilNotice(e);
        String notice = e.notice().orElseThrow();
        assertTrue(notice.toLowerCase().contains("diverged"), notice);
        assertTrue(e.steps() > 0);
        assertTrue(e.network().allFinite(), "the network must not hold NaN or infinity");
        assertEquals(e.steps() + 1, e.lossHistory().size());
        assertFalse(e.lossHistory().stream().anyMatch(v -> Double.isNaN(v)), e.lossHistory().toString());

        // trying again changes nothing and says so again
        int steps = e.steps();
        Network net = e.network();
        e.wholeStep();
        assertEquals(steps, e.steps());
        assertEquals(net, e.network());
        assertTrue(e.notice().isPresent());
        e.epoch();
        assertEquals(steps, e.steps());
        assertTrue(e.notice().isPresent());

        // reset clears the notice
        e.reset();
        assertTrue(e.notice().isEmpty());
        assertEquals(0, e.steps());
    }

    /**
     * A step whose own numbers are finite must still be refused when the mean loss of the updated network
     * overflows, as Training.run does; otherwise lossHistory() would end in Infinity.
     */
    @Test
    void divergenceNeverRecordsAnInfiniteMeanLoss() {
        Experiment e = new Experiment(divergent());
        stepUntilNotice(e);
        assertTrue(e.lossHistory().stream().allMatch(Double::isFinite), "loss history ends "
                + e.lossHistory().subList(Math.max(0, e.lossHistory().size() - 3), e.lossHistory().size()));
        assertTrue(Double.isFinite(e.currentMeanLoss()));
    }
}

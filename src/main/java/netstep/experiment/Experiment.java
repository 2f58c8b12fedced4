package netstep.experiment;

import netstep.data.Dataset;
import netstep.engine.Network;
import netstep.engine.SampleSchedule;
import netstep.engine.Sgd;
import netstep.engine.StepTrace;
import netstep.engine.Vec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One student's experiment: a network being trained on a dataset, one sample and one phase at a time.
 * The whole step is computed when the sample is picked (an immutable {@link StepTrace}); the phases
 * reveal it in order, and the update is applied to the network when the UPDATE phase is reached.
 * Not thread-safe: callers serialise access (see the session store). A training run works on its own copies
 * and is taken in by {@link #finishTraining} under the same serialisation; while it runs, nothing else changes.
 */
public final class Experiment {
    public static final int MAX_TRAINING_EPOCHS = 10_000;
    /** steps × parameters of one training run: a few seconds of one worker on a small machine. */
    public static final long MAX_TRAINING_WORK = 200_000_000L;
    /** The loss history keeps the most recent values, so a long-lived session stays small. */
    public static final int MAX_LOSS_HISTORY = 5_000;
    private static final String DIVERGED = "Training diverged: the numbers overflow to infinity or NaN. The learning "
            + "rate η = %s is too large for this loss and network. Reset, or choose a smaller η.";

    private Config config;
    private Dataset dataset;
    private Sgd sgd;
    private Network network;
    private SampleSchedule schedule;
    private StepTrace trace;
    private int sampleIndex;
    private Phase phase;
    private int steps;
    private double[] lossHistory = new double[16];
    private int lossCount;
    private String notice;
    private boolean diverged;
    private double pendingMeanLoss;
    private TrainingRun training;
    private TrainingRun lastTraining;

    /** Set only for an experiment on a dataset that is not built in (measurements and tests). */
    private final Dataset ownDataset;

    public Experiment(Config config) {
        this(config, null);
    }

    Experiment(Config config, Dataset ownDataset) {
        this.ownDataset = ownDataset;
        configure(config);
    }

    /** Replaces the configuration and starts over from its seed. */
    public void configure(Config newConfig) {
        this.config = newConfig;
        reset();
    }

    /** Re-initialises the network from the seed: step 0, epoch 0, nothing picked. */
    public void reset() {
        if (training != null) {
            training.cancel();
            training = null;
        }
        dataset = ownDataset != null ? ownDataset : config.dataset();
        sgd = new Sgd(config.loss(), config.learningRate());
        network = Network.initialise(config.sizes(), config.hiddenActivation(), config.outputActivation(),
                config.seed());
        schedule = new SampleSchedule(dataset.size(), config.order(), config.seed());
        trace = null;
        phase = Phase.READY;
        steps = 0;
        notice = null;
        diverged = false;
        lastTraining = null;
        lossCount = 0;
        recordLoss(meanLoss());
    }

    /** Moves on by one phase; after UPDATE (or before anything) that picks the next sample. */
    public void advance() {
        goTo(phase.next());
    }

    /**
     * Shows {@code target} for the current step, revealing the phases before it. A step that is finished
     * (or not begun) first picks the next sample. Asking for a phase already shown changes nothing.
     */
    public void goTo(Phase target) {
        if (target == Phase.READY) return;
        notice = null;
        diverged = false;
        if (!stepInProgress() && !pickNext()) return;
        if (target.ordinal() > phase.ordinal()) {
            phase = target;
            if (target == Phase.UPDATE) applyUpdate();
        }
    }

    /** All phases of one step at once: finishes the step in progress, or takes a whole new one. */
    public void wholeStep() {
        goTo(Phase.UPDATE);
    }

    public boolean stepInProgress() {
        return phase != Phase.READY && phase != Phase.UPDATE;
    }

    /** Finishes the current epoch: every sample not yet used in it gets one whole step. */
    public void epoch() {
        if (stepInProgress()) {
            goTo(Phase.UPDATE);
            if (notice != null || schedule.position() == 0) return;
        }
        do {
            goTo(Phase.UPDATE);
        } while (notice == null && schedule.position() != 0);
    }

    private boolean pickNext() {
        int index = schedule.peek();
        StepTrace next = sgd.step(network, Vec.of(dataset.x(index)), Vec.of(dataset.y(index)));
        double nextMean = next.diverged() ? Double.NaN
                : sgd.meanLoss(next.after(), dataset.xMatrix(), dataset.yMatrix());
        if (!Double.isFinite(nextMean)) {
            markDiverged();
            return false;
        }
        trace = next;
        pendingMeanLoss = nextMean;
        sampleIndex = index;
        phase = Phase.PICK;
        return true;
    }

    private void applyUpdate() {
        network = trace.after();
        schedule.next();
        steps++;
        recordLoss(pendingMeanLoss);
    }

    private void markDiverged() {
        diverged = true;
        notice = String.format(DIVERGED, config.learningRate());
    }

    private void recordLoss(double loss) {
        if (lossCount == MAX_LOSS_HISTORY) {
            int drop = MAX_LOSS_HISTORY / 10;
            System.arraycopy(lossHistory, drop, lossHistory, 0, lossCount - drop);
            lossCount -= drop;
        }
        if (lossCount == lossHistory.length) {
            lossHistory = Arrays.copyOf(lossHistory, Math.min(MAX_LOSS_HISTORY, lossHistory.length * 2));
        }
        lossHistory[lossCount++] = loss;
    }

    // ---------------------------------------------------------------- training runs

    /**
     * Prepares "train {@code epochs} epochs" from here: a step in progress is finished first, then whole steps
     * run until {@code epochs} more epochs are complete. The run starts nothing itself; submit it to a pool.
     * @return empty when finishing the step in progress diverged (the notice says so)
     * @throws IllegalStateException when a run is already under way
     * @throws IllegalArgumentException when the epochs or the work are out of bounds, with a message for the student
     */
    public Optional<TrainingRun> startTraining(int epochs) {
        if (training != null) throw new IllegalStateException("a training run is already in progress");
        if (epochs < 1 || epochs > MAX_TRAINING_EPOCHS) {
            throw new IllegalArgumentException("Epochs must be a whole number from 1 to " + MAX_TRAINING_EPOCHS
                    + ", not " + epochs + ".");
        }
        long work = (long) epochs * dataset.size() * config.parameterCount().total();
        if (work > MAX_TRAINING_WORK) {
            long fits = Math.max(1, MAX_TRAINING_WORK / ((long) dataset.size() * config.parameterCount().total()));
            throw new IllegalArgumentException(epochs + " epochs of " + dataset.size() + " samples on "
                    + config.parameterCount().total() + " parameters is too much for one run; this network can train at most "
                    + fits + " epochs at a time.");
        }
        if (stepInProgress()) {
            goTo(Phase.UPDATE);
            if (diverged) return Optional.empty();
        }
        notice = null;
        training = new TrainingRun(network, sgd, dataset.xMatrix(), dataset.yMatrix(), replayedSchedule(), epochs);
        return Optional.of(training);
    }

    /** A schedule in the same state as ours: every applied step consumed exactly one sample since the reset. */
    private SampleSchedule replayedSchedule() {
        SampleSchedule copy = new SampleSchedule(dataset.size(), config.order(), config.seed());
        for (int i = 0; i < steps; i++) copy.next();
        return copy;
    }

    /** Takes in what {@code run} learned (all of it, or up to its cancellation or divergence). */
    public void finishTraining(TrainingRun run) {
        if (run != training) return; // a run from before a reset or reconfiguration
        training = null;
        lastTraining = run;
        notice = null;
        if (run.completedSteps() > 0) {
            network = run.network();
            schedule = run.schedule();
            steps += run.completedSteps();
            trace = null;
            phase = Phase.READY;
            for (double loss : run.epochLosses()) recordLoss(loss);
            if (schedule.position() != 0) recordLoss(meanLoss());
        }
        if (run.state() == TrainingRun.State.DIVERGED) markDiverged();
    }

    /** Forgets a run that never started (the pool was full). */
    public void abandonTraining(TrainingRun run) {
        if (run == training) training = null;
    }

    /** The run under way, if any: until it is finished the experiment takes no other change. */
    public Optional<TrainingRun> training() {
        return Optional.ofNullable(training);
    }

    /** The run that finished last since the reset, to report how it ended. */
    public Optional<TrainingRun> lastTraining() {
        return Optional.ofNullable(lastTraining);
    }

    /** The last step or training run overflowed; the network is the one from before it. */
    public boolean diverged() {
        return diverged;
    }

    /** Shows {@code message} until the next action, e.g. that an earlier session had ended. */
    public void tell(String message) {
        notice = message;
    }

    private double meanLoss() {
        return sgd.meanLoss(network, dataset.xMatrix(), dataset.yMatrix());
    }

    public Config config() {
        return config;
    }

    public Dataset dataset() {
        return dataset;
    }

    /** The parameters as they are now (after the update once UPDATE is reached). */
    public Network network() {
        return network;
    }

    public Optional<StepTrace> trace() {
        return Optional.ofNullable(trace);
    }

    /** The dataset row of the sample of the current step. */
    public int sampleIndex() {
        return sampleIndex;
    }

    public Phase phase() {
        return phase;
    }

    /** Completed steps (applied updates). */
    public int steps() {
        return steps;
    }

    /** Completed epochs. */
    public int epochs() {
        return schedule.epoch();
    }

    /** Samples already used in the current epoch. */
    public int positionInEpoch() {
        return schedule.position();
    }

    /** Mean training loss over the dataset with the current parameters. */
    public double currentMeanLoss() {
        return lossHistory[lossCount - 1];
    }

    /**
     * Mean training loss at step 0 and after every step; a training run adds one value per epoch (and one for
     * where it stopped, if mid-epoch). Only the most recent {@link #MAX_LOSS_HISTORY} values are kept.
     */
    public List<Double> lossHistory() {
        return Arrays.stream(lossHistory, 0, lossCount).boxed().toList();
    }

    /** A message for the student about the last action, e.g. that training diverged. */
    public Optional<String> notice() {
        return Optional.ofNullable(notice);
    }
}

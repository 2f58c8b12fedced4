package netstep.experiment;

import netstep.data.Dataset;
import netstep.engine.Network;
import netstep.engine.SampleSchedule;
import netstep.engine.Sgd;
import netstep.engine.StepTrace;
import netstep.engine.Vec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One student's experiment: a network being trained on a dataset, one sample and one phase at a time.
 * The whole step is computed when the sample is picked (an immutable {@link StepTrace}); the phases
 * reveal it in order, and the update is applied to the network when the UPDATE phase is reached.
 * Not thread-safe: callers serialise access (see the session store).
 */
public final class Experiment {
    private Config config;
    private Dataset dataset;
    private Sgd sgd;
    private Network network;
    private SampleSchedule schedule;
    private StepTrace trace;
    private int sampleIndex;
    private Phase phase;
    private int steps;
    private final List<Double> lossHistory = new ArrayList<>();
    private String notice;
    private double pendingMeanLoss;
    private final List<StepRecord> records = new ArrayList<>();
    /** The full traces of the most recent steps, by step number; older ones keep only their record. */
    private final Map<Integer, StepTrace> recentTraces = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, StepTrace> eldest) {
            return size() > KEPT_TRACES;
        }
    };
    private boolean logLossScale;
    private boolean diverged;

    /** How many steps' full traces stay available in the history. */
    public static final int KEPT_TRACES = 100;

    public Experiment(Config config) {
        configure(config);
    }

    /** Replaces the configuration and starts over from its seed. */
    public void configure(Config newConfig) {
        this.config = newConfig;
        reset();
    }

    /** Re-initialises the network from the seed: step 0, epoch 0, nothing picked. */
    public void reset() {
        dataset = config.dataset();
        sgd = new Sgd(config.loss(), config.learningRate());
        network = Network.initialise(config.sizes(), config.hiddenActivation(), config.outputActivation(),
                config.seed());
        schedule = new SampleSchedule(dataset.size(), config.order(), config.seed());
        trace = null;
        phase = Phase.READY;
        steps = 0;
        notice = null;
        diverged = false;
        lossHistory.clear();
        lossHistory.add(meanLoss());
        records.clear();
        recentTraces.clear();
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
            diverged = true;
            notice = "Training diverged: this step's numbers overflow to infinity or NaN. The learning rate η = "
                    + config.learningRate() + " is too large for this loss and network. Reset, or choose a smaller η.";
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
        int epoch = schedule.epoch();
        schedule.next();
        steps++;
        lossHistory.add(pendingMeanLoss);
        records.add(new StepRecord(steps, epoch + 1, sampleIndex, trace.loss(), trace.largestChange(),
                trace.learningRate()));
        recentTraces.put(steps, trace);
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
        return lossHistory.get(lossHistory.size() - 1);
    }

    /** Mean training loss at step 0 and after every step. */
    public List<Double> lossHistory() {
        return List.copyOf(lossHistory);
    }

    /** Every completed step, oldest first. */
    public List<StepRecord> records() {
        return List.copyOf(records);
    }

    public Optional<StepRecord> record(int step) {
        return step >= 1 && step <= records.size() ? Optional.of(records.get(step - 1)) : Optional.empty();
    }

    /** The full trace of a completed step, while it is among the {@link #KEPT_TRACES} most recent. */
    public Optional<StepTrace> traceOfStep(int step) {
        return Optional.ofNullable(recentTraces.get(step));
    }

    /** True once a step overflowed: training stopped there until a reset or a new configuration. */
    public boolean diverged() {
        return diverged;
    }

    public boolean logLossScale() {
        return logLossScale;
    }

    public void setLogLossScale(boolean log) {
        this.logLossScale = log;
    }

    /** A message for the student about the last action, e.g. that training diverged. */
    public Optional<String> notice() {
        return Optional.ofNullable(notice);
    }
}

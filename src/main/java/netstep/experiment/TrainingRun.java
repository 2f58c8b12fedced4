package netstep.experiment;

import netstep.engine.Network;
import netstep.engine.SampleSchedule;
import netstep.engine.Sgd;
import netstep.engine.Trainer;

import java.util.ArrayList;
import java.util.List;

/**
 * "Train N epochs" for one experiment, run off the request thread on its own copy of the network and sample
 * schedule; the experiment takes the result under its session lock ({@link Experiment#finishTraining}).
 * Progress and cancellation are read and set from other threads.
 */
public final class TrainingRun implements Runnable {
    public enum State { QUEUED, RUNNING, DONE, CANCELLED, DIVERGED }

    private final Sgd sgd;
    private final double[][] xs;
    private final double[][] ys;
    private final SampleSchedule schedule;
    private final int epochs;
    private final int batchSize;
    /** ⌈N/b⌉ */
    private final int stepsPerEpoch;
    private final int totalSteps;
    /** Steps already taken in the epoch the run starts in. */
    private final int startPosition;
    private final long startedNanos = System.nanoTime();

    private volatile State state = State.QUEUED;
    private volatile int completedSteps;
    private volatile boolean cancelRequested;
    private volatile long finishedNanos;
    // written by the worker before it publishes a final state, read after
    private Network network;
    private final List<Double> epochLosses = new ArrayList<>();

    TrainingRun(Network start, Sgd sgd, double[][] xs, double[][] ys, SampleSchedule schedule, int epochs) {
        this(start, sgd, xs, ys, schedule, epochs, 1);
    }

    /** Batches of {@code batchSize} consecutive samples of each epoch's order, the last one smaller. */
    TrainingRun(Network start, Sgd sgd, double[][] xs, double[][] ys, SampleSchedule schedule, int epochs,
                int batchSize) {
        this.network = start;
        this.sgd = sgd;
        this.xs = xs;
        this.ys = ys;
        this.schedule = schedule;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.stepsPerEpoch = (xs.length + batchSize - 1) / batchSize;
        // whole epochs from where the student is: the rest of the current one, then epochs − 1 more
        // (a batch step in the schedule's middle consumed b samples each, so position / b steps are behind us)
        this.startPosition = (schedule.position() + batchSize - 1) / batchSize;
        this.totalSteps = epochs * stepsPerEpoch - startPosition;
    }

    @Override
    public void run() {
        if (cancelRequested) {
            finish(State.CANCELLED);
            return;
        }
        state = State.RUNNING;
        // untraced: the numbers of stepping one sample at a time, without recording them
        Trainer trainer = sgd.trainer(network);
        int[] batch = new int[batchSize];
        for (int step = 0; step < totalSteps; step++) {
            if (cancelRequested || Thread.currentThread().isInterrupted()) {
                network = trainer.network();
                finish(State.CANCELLED);
                return;
            }
            boolean applied;
            if (batchSize == 1) {
                int index = schedule.peek();
                applied = trainer.step(xs[index], ys[index]);
                if (applied) schedule.next();
            } else {
                int size = Math.min(batchSize, xs.length - schedule.position());
                // peeked: a step that is not applied must not move the schedule
                for (int k = 0; k < size; k++) batch[k] = schedule.peek(k);
                applied = trainer.step(xs, ys, batch, size);
                if (applied) for (int k = 0; k < size; k++) schedule.next();
            }
            if (!applied) {
                network = trainer.network();
                finish(State.DIVERGED);
                return;
            }
            completedSteps = step + 1;
            if (schedule.position() == 0) {
                network = trainer.network();
                double mean = sgd.meanLoss(network, xs, ys);
                if (!Double.isFinite(mean)) {
                    finish(State.DIVERGED);
                    return;
                }
                epochLosses.add(mean);
            }
        }
        network = trainer.network();
        finish(State.DONE);
    }

    private void finish(State end) {
        finishedNanos = System.nanoTime();
        state = end;
    }

    /** Asks the run to stop after the step it is on; what it learned so far is kept. */
    public void cancel() {
        cancelRequested = true;
    }

    public State state() {
        return state;
    }

    public boolean finished() {
        State s = state;
        return s != State.QUEUED && s != State.RUNNING;
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    public int epochs() {
        return epochs;
    }

    public int totalSteps() {
        return totalSteps;
    }

    public int completedSteps() {
        return completedSteps;
    }

    /** Epochs of this run completed so far. */
    public int completedEpochs() {
        return (startPosition + completedSteps) / stepsPerEpoch;
    }

    /** Milliseconds from submission to the end (or to now, while it runs). */
    public long elapsedMillis() {
        long end = finished() ? finishedNanos : System.nanoTime();
        return (end - startedNanos) / 1_000_000;
    }

    Network network() {
        return network;
    }

    SampleSchedule schedule() {
        return schedule;
    }

    /** Steps from the run's start to the end of its first epoch (the run may start part-way into one). */
    int stepsToFirstEpochEnd() {
        return stepsPerEpoch - startPosition;
    }

    List<Double> epochLosses() {
        return epochLosses;
    }
}

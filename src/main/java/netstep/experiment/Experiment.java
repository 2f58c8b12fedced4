package netstep.experiment;

import netstep.data.Dataset;
import netstep.engine.BatchTrace;
import netstep.engine.Bounds;
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
 * Not thread-safe: callers serialise access (see the session store). A training run works on its own copies
 * and is taken in by {@link #finishTraining} under the same serialisation; while it runs, nothing else changes.
 * Over 300 lines on purpose: the whole state and every change to it in one class, so that each change to what
 * is stored ends in {@link #changed} where it is made.
 */
public final class Experiment {
    public static final int MAX_TRAINING_EPOCHS = 10_000;
    /** steps × parameters of one training run: a few seconds of one worker on a small machine. */
    public static final long MAX_TRAINING_WORK = 200_000_000L;

    private Config config;
    private Dataset dataset;
    private Sgd sgd;
    private Network network;
    private SampleSchedule schedule;
    private StepTrace trace;
    /**
     * The step in progress when it is a batch step ({@link Config#batched()}), else null. {@link #trace} is then the
     * chosen sample's share of it, as the one-sample phase views read a step.
     */
    private BatchTrace batch;
    /** The batch's dataset rows, in batch order; one row for a one-sample step. */
    private int[] batchIndices = new int[0];
    /** Which sample of the batch {@link #trace} shows (0 for a one-sample step). */
    private int chosen;
    /**
     * The sample (from 0) the student chose with the selector: each later batch shows it too (a smaller last batch
     * its last one), and it is stored, so a reload or a restart keeps it. Reset by new settings only.
     */
    private int wantedSample;
    private int sampleIndex;
    private Phase phase;
    private int steps;
    private final List<Double> lossHistory = new ArrayList<>();
    /** Mean loss on the held-out test samples, at step 0 and after every step; empty without a test split. */
    private final List<Double> testLossHistory = new ArrayList<>();
    /**
     * The step after which each loss was measured: one a step when stepping, one an epoch in a training run,
     * so the loss curve's x axis stays in steps either way.
     */
    private final List<Integer> lossSteps = new ArrayList<>();
    private final List<Integer> testLossSteps = new ArrayList<>();
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
    private final Map<Integer, BatchStep> recentBatches = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, BatchStep> eldest) {
            return size() > KEPT_TRACES;
        }
    };
    private boolean logLossScale;
    /** The significant digits the student reads numbers with (2, 4 or 6); kept by reset and a new configuration. */
    private int digits = DEFAULT_DIGITS;
    private Tailoring tailoring;
    /** A lesson's exact starting parameters: reset returns to them while they fit the configuration. */
    private Network startingNetwork;
    private boolean diverged;
    private double meanLossNow;
    private TrainingRun training;
    private TrainingRun lastTraining;
    /** Counts the changes to what the stored form holds; only {@link #changed} moves it. */
    private long revision;
    /** The lesson's question the page is asking before it shows the next phase; null when none. */
    private Integer awaiting;
    /** This step's answers, by question index. */
    private final Map<Integer, Question.Answer> answered = new LinkedHashMap<>();
    /** The lesson's running score: answers right and questions answered or skipped, since the lesson opened. */
    private int scoreRight;
    private int scoreAsked;
    /** The step {@link #answered} belongs to; stored with the score while that step is in progress. */
    private int answeredStep;
    /** A stored step's answers, put back before the step is replayed (after a restart); see {@link Score}. */
    private Score pending = Score.NONE;

    /**
     * Beyond this many values the loss histories are thinned to every other value (the first and last kept):
     * a long training run must not grow a session without bound. The curve draws at most a few hundred points.
     */
    public static final int MAX_LOSS_VALUES = 4_000;

    /**
     * The step history keeps the records of this many most recent steps: the stored state is written out on every
     * change, so it must not grow with every click for good (an epoch of the largest dataset still fits).
     */
    public static final int MAX_RECORDS = 5_000;

    /** How many steps' full traces stay available in the history. */
    public static final int KEPT_TRACES = 20;

    public Experiment(Config config) {
        configure(config);
    }

    /** Replaces the configuration, data included, and starts over from its seed. */
    public void configure(Config newConfig) {
        Dataset data = newConfig.dataset();
        Config.mismatch(data, newConfig.inputs(), newConfig.outputs()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        // new data of fewer samples than the batch (own data pasted in): full-batch on it
        if (newConfig.batchSize() > data.size()) newConfig = newConfig.withTraining(data.size(), newConfig.regularization());
        this.config = newConfig;
        this.dataset = data;
        wantedSample = 0;
        reset();
    }

    /**
     * Puts back a saved state: configuration, data, parameters, counters and loss history. The sample order
     * resumes where it was, since it is replayed from the seed.
     */
    public void restore(Config savedConfig, Network savedNetwork, int savedSteps,
                        List<Double> savedLossHistory, List<Integer> savedLossSteps, List<StepRecord> savedRecords) {
        restore(savedConfig, savedNetwork, savedSteps, savedLossHistory, savedLossSteps, savedRecords, 0);
    }

    /** As above, with the sample of each batch (from 0) the per-sample views show, as the selector left it. */
    public void restore(Config savedConfig, Network savedNetwork, int savedSteps, List<Double> savedLossHistory,
                        List<Integer> savedLossSteps, List<StepRecord> savedRecords, int savedSample) {
        // every check comes before the first change: a refused state leaves this experiment as it was
        Dataset data = savedConfig.dataset();
        checkSaved(savedConfig, data, savedNetwork, savedSteps, savedLossHistory, savedLossSteps, savedRecords);
        if (savedSample < 0 || savedSample >= savedConfig.batchSize()) {
            throw new IllegalArgumentException("the chosen sample of each batch is " + (savedSample + 1)
                    + " but a batch has samples 1 to " + savedConfig.batchSize());
        }
        config = savedConfig;
        wantedSample = savedSample;
        dataset = data;
        reset();
        network = savedNetwork;
        schedule = SampleSchedule.after(dataset.size(), config.order(), config.seed(), consumed(savedSteps));
        steps = savedSteps;
        lossHistory.clear();
        lossHistory.addAll(savedLossHistory);
        lossSteps.clear();
        lossSteps.addAll(savedLossSteps);
        testLossHistory.clear();
        testLossSteps.clear();
        recordTestLoss();
        records.addAll(savedRecords);
        meanLossNow = meanLoss();
        if (lossHistory.isEmpty()) {
            lossHistory.add(meanLossNow);
            lossSteps.add(steps);
        }
        changed();
    }

    /** Throws IllegalArgumentException, saying why, when a saved state does not fit together. */
    private static void checkSaved(Config savedConfig, Dataset data, Network savedNetwork, int savedSteps,
                                   List<Double> savedLossHistory, List<Integer> savedLossSteps,
                                   List<StepRecord> savedRecords) {
        Config.mismatch(data, savedConfig.inputs(), savedConfig.outputs()).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (!savedNetwork.sizes().equals(savedConfig.sizes())) {
            throw new IllegalArgumentException("the saved network is " + savedNetwork.sizes()
                    + " but its configuration says " + savedConfig.sizes());
        }
        for (int l = 0; l < savedNetwork.depth(); l++) {
            var expected = l == savedNetwork.depth() - 1 ? savedConfig.outputActivation() : savedConfig.hiddenActivation();
            if (!savedNetwork.layer(l).activation().equals(expected)) {
                throw new IllegalArgumentException("layer " + (l + 1) + " of the saved network uses "
                        + savedNetwork.layer(l).activation().label() + " but its configuration says " + expected.label());
            }
        }
        if (savedConfig.batchSize() > data.size()) {
            throw new IllegalArgumentException("the batch size is " + savedConfig.batchSize() + " but the data have "
                    + data.size() + " samples");
        }
        savedConfig.connectivityMismatch(savedNetwork).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (savedSteps < 0 || savedSteps > Bounds.MAX_STEPS) {
            throw new IllegalArgumentException("an experiment counts 0 to " + Bounds.MAX_STEPS + " steps, not " + savedSteps);
        }
        if (savedLossHistory.size() > MAX_LOSS_VALUES + 1) {
            throw new IllegalArgumentException("the loss history has " + savedLossHistory.size()
                    + " values; an experiment keeps at most " + (MAX_LOSS_VALUES + 1));
        }
        if (savedRecords.size() > MAX_RECORDS) {
            throw new IllegalArgumentException("the step history has " + savedRecords.size()
                    + " steps; an experiment keeps at most " + MAX_RECORDS);
        }
        checkLossSteps(savedLossHistory, savedLossSteps, savedSteps);
    }

    /** One step number for each loss value, rising from 0 and ending at the step the experiment is at. */
    private static void checkLossSteps(List<Double> savedLossHistory, List<Integer> savedLossSteps, int savedSteps) {
        if (savedLossSteps.size() != savedLossHistory.size()) {
            throw new IllegalArgumentException("the loss history has " + savedLossHistory.size() + " values but "
                    + savedLossSteps.size() + " step numbers");
        }
        for (int i = 0; i < savedLossSteps.size(); i++) {
            int step = savedLossSteps.get(i);
            if (step < 0 || step > savedSteps || (i > 0 && step < savedLossSteps.get(i - 1))) {
                throw new IllegalArgumentException("the loss history's step numbers must rise from 0 to at most "
                        + savedSteps);
            }
        }
        if (!savedLossSteps.isEmpty() && savedLossSteps.get(savedLossSteps.size() - 1) != savedSteps) {
            throw new IllegalArgumentException("the loss history ends at step "
                    + savedLossSteps.get(savedLossSteps.size() - 1) + " but the experiment is at step " + savedSteps);
        }
    }

    /** Re-initialises the network from the seed: step 0, epoch 0, nothing picked. The data stay. */
    public void reset() {
        stopTraining();
        lastTraining = null;
        sgd = new Sgd(config.loss(), config.learningRate(), config.trainBiases(), config.regularization());
        Network seeded = config.initialNetwork();
        network = startingNetwork != null && fits(startingNetwork, seeded) ? startingNetwork : seeded;
        schedule = new SampleSchedule(dataset.size(), config.order(), config.seed());
        trace = null;
        batch = null;
        phase = Phase.READY;
        forgetAnswers();
        steps = 0;
        notice = null;
        diverged = false;
        lossHistory.clear();
        lossSteps.clear();
        meanLossNow = meanLoss();
        lossHistory.add(meanLossNow);
        lossSteps.add(0);
        testLossHistory.clear();
        testLossSteps.clear();
        recordTestLoss();
        records.clear();
        recentTraces.clear();
        recentBatches.clear();
        changed();
    }

    /**
     * Samples the schedule has handed out after {@code stepCount} steps: an epoch is ⌈N/b⌉ steps of b samples, the
     * last one smaller when b does not divide N (so with b = 1 it is the step count itself).
     */
    long consumed(long stepCount) {
        int n = dataset.size();
        int perEpoch = config.stepsPerEpoch(n);
        return stepCount / perEpoch * n + stepCount % perEpoch * config.batchSize();
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
        goTo(target, true);
    }

    /**
     * Like {@link #goTo(Phase)}; with {@code ask}, a lesson's question before a phase on the way stops there: the
     * page asks it, and the phase is shown only after {@link #answer}. Without, its questions are passed by.
     */
    private void goTo(Phase target, boolean ask) {
        if (target == Phase.READY) return;
        notice = null;
        if (awaiting != null) {
            if (ask) return; // the question is answered or skipped first
            awaiting = null;
        }
        if (!stepInProgress()) {
            if (!pickNext()) return;
            startStepAnswers();
        }
        if (target.ordinal() > phase.ordinal()) {
            if (ask) target = firstQuestionBefore(target);
            if (target.ordinal() <= phase.ordinal()) return;
            phase = target;
            if (target == Phase.UPDATE) applyUpdate();
        }
    }

    /** {@code target}, or the phase before the first unanswered question that comes on the way to it. */
    private Phase firstQuestionBefore(Phase target) {
        List<Question> questions = questions();
        for (Phase p : Phase.steps()) {
            if (p.ordinal() <= phase.ordinal() || p.ordinal() > target.ordinal()) continue;
            for (int q = 0; q < questions.size(); q++) {
                if (questions.get(q).before() == p && !answered.containsKey(q)) {
                    awaiting = q;
                    return Phase.values()[p.ordinal() - 1];
                }
            }
        }
        return target;
    }

    /** The open lesson's questions; none in free play. */
    public List<Question> questions() {
        return tailoring == null ? List.of() : tailoring.questions();
    }

    /** The question the page is asking now, by its index in {@link #questions()}. */
    public Optional<Integer> awaiting() {
        return Optional.ofNullable(awaiting);
    }

    /**
     * Answers the question being asked ({@code given} null skips it), checked against this step's trace, then
     * shows the phase it came before (or asks that phase's next question).
     * @throws InvalidInput when no question is being asked, or the answer is not one its kind accepts
     */
    public Question.Answer answer(String given) {
        if (awaiting == null || trace == null) throw new InvalidInput("No question is being asked right now.");
        Question.Answer a = questions().get(awaiting).check(given, trace);
        scoreAsked++;
        if (a.correct()) scoreRight++;
        return take(a);
    }

    /**
     * The instructor reveals the answer of the question being asked to the whole class: the phase opens, beside the
     * right answer, and the question is left out of the student's score (it was not theirs to skip).
     * @throws InvalidInput when no question is being asked
     */
    public Question.Answer reveal() {
        if (awaiting == null || trace == null) throw new InvalidInput("No question is being asked right now.");
        return take(questions().get(awaiting).revealed(trace));
    }

    /** Keeps the answer to the question being asked (stored, with the score) and shows the phase it came before. */
    private Question.Answer take(Question.Answer a) {
        answered.put(awaiting, a);
        answeredStep = steps + 1;
        awaiting = null;
        changed();
        goTo(a.question().before(), true);
        return a;
    }

    /** The score and the answers of the step in progress, as stored. */
    public Score score() {
        if (!pending.answers().isEmpty()) return pending;
        List<Score.Given> given = new ArrayList<>();
        if (answeredStep > steps) {
            answered.forEach((q, a) -> given.add(new Score.Given(q, a.typed(), a.revealed())));
        }
        return new Score(scoreRight, scoreAsked, given.isEmpty() ? 0 : answeredStep, given);
    }

    /** Puts back a stored score; its step's answers are checked again when that step is replayed. */
    public void resumeScore(Score stored) {
        forgetAnswers();
        scoreRight = stored.right();
        scoreAsked = stored.asked();
        pending = stored.step() == steps + 1 ? stored : new Score(stored.right(), stored.asked(), 0, List.of());
        changed();
    }

    private void forgetAnswers() {
        awaiting = null; // a question belongs to the step it was asked in
        answered.clear();
        pending = Score.NONE;
    }

    /** A new step is picked: its answers start empty, unless a stored copy of this very step had some. */
    private void startStepAnswers() {
        Score replay = pending;
        answered.clear();
        pending = Score.NONE;
        if (replay.step() != steps + 1) {
            if (!replay.answers().isEmpty()) changed();
            return;
        }
        answeredStep = replay.step();
        List<Question> questions = questions();
        for (Score.Given g : replay.answers()) {
            try {
                if (g.question() < 0 || g.question() >= questions.size()) throw new InvalidInput("no such question");
                Question q = questions.get(g.question());
                answered.put(g.question(), g.revealed() ? q.revealed(trace) : q.check(g.typed(), trace));
            } catch (InvalidInput changedLesson) {
                changed(); // the lesson (reloaded since) no longer has or takes it: dropped from what is stored
            }
        }
    }

    /** This step's answers so far, by question index, in the order given. */
    public Map<Integer, Question.Answer> answers() {
        return java.util.Collections.unmodifiableMap(answered);
    }

    /** Answers right since the lesson opened. */
    public int scoreRight() {
        return scoreRight;
    }

    /** Questions answered or skipped since the lesson opened. */
    public int scoreAsked() {
        return scoreAsked;
    }

    private void clearQuestions() {
        forgetAnswers();
        scoreRight = 0;
        scoreAsked = 0;
    }

    /** All phases of one step at once: finishes the step in progress, or takes a whole new one. */
    public void wholeStep() {
        goTo(Phase.UPDATE, false);
    }

    public boolean stepInProgress() {
        return phase != Phase.READY && phase != Phase.UPDATE;
    }

    /** Finishes the current epoch: every sample not yet used in it gets one whole step. */
    public void epoch() {
        if (stepInProgress()) {
            goTo(Phase.UPDATE, false);
            if (notice != null || schedule.position() == 0) return;
        }
        do {
            goTo(Phase.UPDATE, false);
        } while (notice == null && schedule.position() != 0);
    }

    /** The most whole steps one "Train N steps" post takes; each is traced, like a click on Whole step. */
    public static final int MAX_STEPS_AT_ONCE = 1_000;
    /**
     * steps × samples × parameters of one "Train N steps" post: every step measures the loss on the whole dataset,
     * and the post runs on the request's thread, so it stays within a few tens of milliseconds.
     */
    public static final long MAX_STEPS_WORK = 20_000_000L;

    /**
     * "Train N steps": {@code n} whole steps in a row (finishing the step in progress counts as one), each traced
     * as if clicked. Stops early when training diverges or the step count reaches its bound; the notice says so.
     * @throws IllegalArgumentException when {@code n} or the work is out of bounds, with a message for the student
     */
    public void trainSteps(int n) {
        if (n < 1 || n > MAX_STEPS_AT_ONCE) {
            throw new IllegalArgumentException("Steps must be a whole number from 1 to " + MAX_STEPS_AT_ONCE
                    + ", not " + n + ".");
        }
        long perStep = Math.max(1L, (long) dataset.size() * config.parameterCount().total());
        if (n * perStep > MAX_STEPS_WORK) {
            throw new IllegalArgumentException(n + " steps, each measuring the loss on " + dataset.size()
                    + " samples with " + config.parameterCount().total() + " parameters, is too much for one click; "
                    + "this network can take at most " + Math.max(1, MAX_STEPS_WORK / perStep)
                    + " steps at a time (Train N epochs has no such limit).");
        }
        for (int i = 0; i < n; i++) {
            goTo(Phase.UPDATE);
            if (notice != null || diverged) return;
        }
    }

    private boolean pickNext() {
        if (steps >= Bounds.MAX_STEPS) {
            notice = "This experiment has reached " + Bounds.MAX_STEPS + " steps, the most it counts. Reset to go on.";
            return false;
        }
        if (config.batched()) return pickBatch();
        int index = schedule.peek();
        StepTrace next = sgd.step(network, Vec.of(dataset.x(index)), Vec.of(dataset.y(index)));
        double nextMean = next.diverged() ? Double.NaN
                : sgd.meanLoss(next.after(), dataset.xMatrix(), dataset.yMatrix());
        if (!Double.isFinite(nextMean)) {
            markDiverged();
            return false;
        }
        trace = next;
        batch = null;
        batchIndices = new int[] {index};
        chosen = 0;
        pendingMeanLoss = nextMean;
        sampleIndex = index;
        phase = Phase.PICK;
        return true;
    }

    /** The next b samples of the epoch's order (fewer at its end), as one traced batch step. */
    private boolean pickBatch() {
        int size = Math.min(config.batchSize(), dataset.size() - schedule.position());
        // peeked: the schedule moves on when the update is applied
        int[] indices = new int[size];
        for (int k = 0; k < size; k++) indices[k] = schedule.peek(k);
        BatchTrace next = batchStep(network, indices);
        double nextMean = next.diverged() ? Double.NaN
                : sgd.meanLoss(next.after(), dataset.xMatrix(), dataset.yMatrix());
        if (!Double.isFinite(nextMean)) {
            markDiverged();
            return false;
        }
        batch = next;
        batchIndices = indices;
        pendingMeanLoss = nextMean;
        phase = Phase.PICK;
        choose(Math.min(wantedSample, size - 1));
        return true;
    }

    private BatchTrace batchStep(Network from, int[] indices) {
        List<Vec> xs = new ArrayList<>(indices.length);
        List<Vec> ys = new ArrayList<>(indices.length);
        for (int index : indices) {
            xs.add(Vec.of(dataset.x(index)));
            ys.add(Vec.of(dataset.y(index)));
        }
        return sgd.step(from, xs, ys);
    }

    /** Sample {@code k} of the batch as a one-sample trace: its own forward, loss and gradients, the batch's update. */
    private void choose(int k) {
        chosen = k;
        sampleIndex = batchIndices[k];
        trace = sampleTrace(batch, k);
    }

    static StepTrace sampleTrace(BatchTrace b, int k) {
        BatchTrace.Sample s = b.samples().get(k);
        return new StepTrace(s.x(), s.y(), s.forward(), b.lossFunction(), s.lossTerms(), s.loss(), s.backward(),
                b.learningRate(), b.biasesTrained(), b.before(), b.after());
    }

    /**
     * Shows sample {@code k} (from 0) of the batch step in progress or just applied in the per-sample views, and of
     * each batch after it (stored, see {@link #chosenSampleOfBatches()}).
     * @throws IllegalArgumentException when there is no batch, or it has no sample k
     */
    public void chooseSample(int k) {
        if (batch == null) throw new IllegalArgumentException("There is no batch step to choose a sample from.");
        if (k < 0 || k >= batchIndices.length) {
            throw new IllegalArgumentException("This batch has samples 1 to " + batchIndices.length + ", not "
                    + (k + 1) + ".");
        }
        choose(k);
        if (wantedSample != k) {
            wantedSample = k;
            changed();
        }
    }

    /** The sample (from 0) the student chose for the per-sample views of every batch: stored with the experiment. */
    public int chosenSampleOfBatches() {
        return wantedSample;
    }

    private void applyUpdate() {
        network = trace.after();
        int epoch = schedule.epoch();
        for (int k = 0; k < batchIndices.length; k++) schedule.next();
        steps++;
        lossHistory.add(pendingMeanLoss);
        lossSteps.add(steps);
        thin(lossHistory, lossSteps);
        meanLossNow = pendingMeanLoss;
        recordTestLoss();
        records.add(batch == null
                ? new StepRecord(steps, epoch + 1, batchIndices[0], trace.loss(), trace.largestChange(), trace.learningRate())
                : StepRecord.ofBatch(steps, epoch + 1, batchIndices, batch, trace.largestChange()));
        if (records.size() > MAX_RECORDS) records.subList(0, records.size() - MAX_RECORDS).clear();
        // a past batch step opens on the sample that was shown when it was applied
        recentTraces.put(steps, trace);
        if (batch != null) recentBatches.put(steps, new BatchStep(batch, batchIndices(), chosen));
        changed();
    }

    private void markDiverged() {
        diverged = true;
        notice = "Training diverged: the numbers overflow (to infinity or NaN, or weights beyond ±"
                + (long) Bounds.MAX_MAGNITUDE + "). The learning rate η = "
                + config.learningRate() + " is too large for this loss and network. Reset, or choose a smaller η.";
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
        if ((long) steps + (long) epochs * config.stepsPerEpoch(dataset.size()) > Bounds.MAX_STEPS) {
            throw new IllegalArgumentException("This experiment is at step " + steps + "; it counts at most "
                    + Bounds.MAX_STEPS + " steps. Reset to train further.");
        }
        if (stepInProgress()) {
            goTo(Phase.UPDATE);
            if (diverged) return Optional.empty();
        }
        notice = null;
        training = new TrainingRun(network, sgd, dataset.xMatrix(), dataset.yMatrix(), replayedSchedule(), epochs,
                config.batchSize());
        return Optional.of(training);
    }

    /** A schedule in the same state as ours: every applied step consumed one batch since the reset. */
    private SampleSchedule replayedSchedule() {
        return SampleSchedule.after(dataset.size(), config.order(), config.seed(), consumed(steps));
    }

    /**
     * Takes in what {@code run} learned (all of it, or up to its cancellation or divergence). The loss history
     * gets one value per trained epoch; the step history keeps records of stepped steps only.
     */
    public void finishTraining(TrainingRun run) {
        if (run != training) return; // a run from before a reset or reconfiguration
        training = null;
        lastTraining = run;
        notice = null;
        if (run.completedSteps() > 0) {
            network = run.network();
            schedule = run.schedule();
            int stepsBefore = steps;
            int epochEnd = stepsBefore + run.stepsToFirstEpochEnd();
            for (double epochLoss : run.epochLosses()) {
                lossHistory.add(epochLoss);
                lossSteps.add(epochEnd);
                epochEnd += config.stepsPerEpoch(dataset.size());
            }
            steps += run.completedSteps();
            trace = null;
            batch = null;
            phase = Phase.READY;
            forgetAnswers();
            meanLossNow = meanLoss();
            if (schedule.position() != 0) {
                lossHistory.add(meanLossNow);
                lossSteps.add(steps);
            }
            thin(lossHistory, lossSteps);
            recordTestLoss();
            changed();
        }
        if (run.state() == TrainingRun.State.DIVERGED) markDiverged();
    }

    /** Forgets a run that never started (the pool was full). */
    public void abandonTraining(TrainingRun run) {
        if (run == training) training = null;
    }

    /** The run under way, if any: until it is finished the experiment takes no other change. */
    /** Cancels the training run in progress, if any, and forgets it: its result will not be taken in. */
    public void stopTraining() {
        if (training != null) {
            training.cancel();
            training = null;
        }
    }

    public Optional<TrainingRun> training() {
        return Optional.ofNullable(training);
    }

    /** The run that finished last since the reset, to report how it ended. */
    public Optional<TrainingRun> lastTraining() {
        return Optional.ofNullable(lastTraining);
    }

    /** Shows {@code message} until the next action, e.g. that an earlier session had ended. */
    public void tell(String message) {
        notice = message;
    }

    private void recordTestLoss() {
        if (dataset.hasTest()) {
            testLossHistory.add(sgd.meanLoss(network, dataset.testXMatrix(), dataset.testYMatrix()));
            testLossSteps.add(steps);
            thin(testLossHistory, testLossSteps);
        }
    }

    /**
     * Halves a history that outgrew {@link #MAX_LOSS_VALUES}, keeping every other value, the first and the last, as
     * often as it takes: a run of 10,000 epochs adds more than one halving can take back, and a longer history than
     * this would not load again from the app's own file.
     */
    static void thin(List<Double> values, List<Integer> steps) {
        while (values.size() > MAX_LOSS_VALUES) halve(values, steps);
    }

    private static void halve(List<Double> values, List<Integer> steps) {
        int last = values.size() - 1;
        List<Double> keptValues = new ArrayList<>();
        List<Integer> keptSteps = new ArrayList<>();
        for (int i = 0; i < last; i += 2) {
            keptValues.add(values.get(i));
            keptSteps.add(steps.get(i));
        }
        keptValues.add(values.get(last));
        keptSteps.add(steps.get(last));
        values.clear();
        values.addAll(keptValues);
        steps.clear();
        steps.addAll(keptSteps);
    }

    /** Mean loss on the test samples at step 0 and after every step (empty when the data have no test split). */
    public List<Double> testLossHistory() {
        return List.copyOf(testLossHistory);
    }

    /** The step after which each value of {@link #lossHistory()} was measured. */
    public List<Integer> lossSteps() {
        return List.copyOf(lossSteps);
    }

    /** The step after which each value of {@link #testLossHistory()} was measured. */
    public List<Integer> testLossSteps() {
        return List.copyOf(testLossSteps);
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

    /** The step in progress (or just applied); for a batch step, the chosen sample's share of it. */
    public Optional<StepTrace> trace() {
        return Optional.ofNullable(trace);
    }

    /** The batch step in progress or just applied, when steps are batch steps ({@link Config#batched()}). */
    public Optional<BatchTrace> batch() {
        return Optional.ofNullable(batch);
    }

    /** The dataset rows of the current step's samples, in batch order. */
    public List<Integer> batchIndices() {
        return java.util.Arrays.stream(batchIndices).boxed().toList();
    }

    /** Which sample of the batch (from 0) the per-sample views show. */
    public int chosenSample() {
        return chosen;
    }

    /**
     * A batch step as the views show it: its trace, the dataset rows of its samples and which sample (from 0) the
     * per-sample views show.
     */
    public record BatchStep(BatchTrace trace, List<Integer> rows, int chosen) {
        public BatchStep {
            rows = List.copyOf(rows);
        }
    }

    /** The batch step in progress or just applied, with its rows and chosen sample. */
    public Optional<BatchStep> batchStep() {
        return batch == null ? Optional.empty() : Optional.of(new BatchStep(batch, batchIndices(), chosen));
    }

    /** A recent completed batch step, with the sample that was shown when it was applied. */
    public Optional<BatchStep> batchOfStep(int step) {
        return Optional.ofNullable(recentBatches.get(step));
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

    /** Steps in an epoch: ⌈N/b⌉. */
    public int stepsPerEpoch() {
        return config.stepsPerEpoch(dataset.size());
    }

    /** Samples already used in the current epoch. */
    public int positionInEpoch() {
        return schedule.position();
    }

    /** Mean training loss over the dataset with the current parameters. */
    public double currentMeanLoss() {
        return meanLossNow;
    }

    /**
     * Sets one weight or bias to a value the student chose (the lecture asks the class to guess a weight).
     * A step in progress is recomputed from it; after a finished step, the next step starts from it.
     *
     * @throws IllegalArgumentException for a value that is not finite or a parameter the network lacks
     */
    public void setParameter(ParameterRef ref, double value) {
        String problem = Bounds.problem(value);
        if (problem != null) throw new IllegalArgumentException(ref.label() + " " + problem);
        Network edited = ref.applyTo(network, value);
        if (stepInProgress()) {
            BatchTrace recomputedBatch = batch == null ? null : batchStep(edited, batchIndices);
            StepTrace recomputed = batch == null
                    ? sgd.step(edited, Vec.of(dataset.x(sampleIndex)), Vec.of(dataset.y(sampleIndex)))
                    : sampleTrace(recomputedBatch, chosen);
            boolean overflow = recomputedBatch == null ? recomputed.diverged() : recomputedBatch.diverged();
            double mean = overflow ? Double.NaN
                    : sgd.meanLoss(recomputed.after(), dataset.xMatrix(), dataset.yMatrix());
            if (!Double.isFinite(mean)) {
                throw new IllegalArgumentException("with " + ref.label() + " = " + value
                        + " this step overflows to infinity; choose a smaller value");
            }
            trace = recomputed;
            batch = recomputedBatch;
            pendingMeanLoss = mean;
            notice = ref.label() + " set to " + value + ": this step is recomputed from it.";
        } else {
            trace = null;
            batch = null;
            phase = Phase.READY;
            forgetAnswers();
            notice = ref.label() + " set to " + value + ": the next step starts from it.";
        }
        network = edited;
        meanLossNow = meanLoss();
        changed();
    }

    /** Typed weights beyond this are surely mistakes, and would overflow at once. */
    public static final double MAX_PARAMETER = Bounds.MAX_MAGNITUDE;

    /** Mean training loss at step 0 and after every step. */
    public List<Double> lossHistory() {
        return List.copyOf(lossHistory);
    }

    /** Every completed step, oldest first. */
    public List<StepRecord> records() {
        return List.copyOf(records);
    }

    public Optional<StepRecord> record(int step) {
        // step numbers rise but may skip (a training run keeps no records, older ones are dropped)
        int lo = 0;
        int hi = records.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int at = records.get(mid).step();
            if (at == step) return Optional.of(records.get(mid));
            if (at < step) lo = mid + 1; else hi = mid - 1;
        }
        return Optional.empty();
    }

    /** The full trace of a completed step, while it is among the {@link #KEPT_TRACES} most recent. */
    public Optional<StepTrace> traceOfStep(int step) {
        return Optional.ofNullable(recentTraces.get(step));
    }

    /** The lesson this experiment follows, if any. */
    public Optional<Tailoring> tailoring() {
        return Optional.ofNullable(tailoring);
    }

    /**
     * Opens a lesson: its configuration, optionally its exact starting parameters, the phase to open on, and
     * how it tailors the page. {@code null} tailoring leaves the lesson (free play).
     */
    public void openLesson(Config lessonConfig, Network start, Phase openOn, Tailoring lessonTailoring) {
        startingNetwork = start;
        configure(lessonConfig);
        if (start != null && network != start) {
            throw new IllegalArgumentException("the starting network " + start.sizes() + " does not fit the settings "
                    + lessonConfig.sizes());
        }
        tailoring = lessonTailoring;
        clearQuestions();
        changed();
        if (openOn != Phase.READY) goTo(openOn);
    }

    /** Puts back the lesson a stored experiment was following, without starting it over. */
    public void resumeLesson(Network start, Tailoring lessonTailoring) {
        startingNetwork = start;
        tailoring = lessonTailoring;
        changed();
    }

    public void leaveLesson() {
        if (tailoring == null && startingNetwork == null) return;
        clearQuestions();
        tailoring = null;
        startingNetwork = null;
        changed();
    }

    /**
     * Every change to what the stored form holds (settings, data, parameters, counters, histories, the lesson)
     * ends here, so the store can tell a changed experiment from an unchanged one without writing it out.
     * Revealing the phases of a step already computed, a notice or the chart's scale are not stored.
     */
    private void changed() {
        revision++;
    }

    /** Rises with every change to what the stored form holds; equal revisions of one experiment, equal states. */
    public long revision() {
        return revision;
    }

    /** Same sizes, activations and masks, so the lesson's parameters can stand in for the seed's. */
    private static boolean fits(Network start, Network seeded) {
        if (!start.sizes().equals(seeded.sizes())) return false;
        for (int l = 0; l < start.depth(); l++) {
            if (!start.layer(l).activation().equals(seeded.layer(l).activation())) return false;
            if (!start.layer(l).mask().equals(seeded.layer(l).mask())) return false;
        }
        return true;
    }

    /** True once a step overflowed: training stopped there until a reset or a new configuration. */
    public boolean diverged() {
        return diverged;
    }

    /** The significant digits the pages show numbers with: 2, 4 or 6. */
    public static final int DEFAULT_DIGITS = 4;

    public int digits() {
        return digits;
    }

    /** Shows numbers with 2, 4 or 6 significant digits: a choice of the student's, stored with the experiment. */
    public void setDigits(int significant) {
        if (significant != 2 && significant != 4 && significant != 6) {
            throw new IllegalArgumentException("numbers are shown with 2, 4 or 6 significant digits, not " + significant);
        }
        if (significant == digits) return;
        digits = significant;
        changed();
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

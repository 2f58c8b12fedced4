package netstep.experiment;

import netstep.json.LessonParser;
import netstep.json.StoredExperimentCodec;
import netstep.lesson.Lesson;
import netstep.lesson.LessonLibrary;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The revision is what the store compares instead of the written-out experiment, so it must rise whenever the
 * stored form changes. A public method added to Experiment fails the first test until it is listed here as a
 * read or a change, and a change is then exercised by the second.
 */
class RevisionTest {
    private static final LessonLibrary LESSONS = LessonParser.library(null);
    private static final StoredExperimentCodec CODEC = new StoredExperimentCodec(LESSONS);

    static final Set<String> READS = Set.of("stepInProgress", "training", "lastTraining", "testLossHistory",
            "lossSteps", "testLossSteps", "config", "dataset", "network", "trace", "sampleIndex", "phase", "steps",
            "epochs", "positionInEpoch", "currentMeanLoss", "lossHistory", "records", "record", "traceOfStep",
            "tailoring", "revision", "diverged", "logLossScale", "notice", "batch", "batchIndices", "batchOfStep",
            "batchStep", "chosenSample", "chosenSampleOfBatches", "stepsPerEpoch", "questions", "awaiting", "answers",
            "scoreRight", "score", "scoreAsked", "digits");
    static final Set<String> CHANGES = Set.of("restore", "reset", "configure", "advance", "goTo", "wholeStep",
            "epoch", "startTraining", "finishTraining", "abandonTraining", "stopTraining", "tell", "setParameter",
            "openLesson", "resumeLesson", "leaveLesson", "setLogLossScale", "chooseSample", "trainSteps", "answer",
            "reveal", "resumeScore", "setDigits");

    @Test
    void everyPublicMethodIsAReadOrAChangeExercisedBelow() {
        Set<String> unlisted = new TreeSet<>();
        for (Method m : Experiment.class.getDeclaredMethods()) {
            if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers())) continue;
            if (!READS.contains(m.getName()) && !CHANGES.contains(m.getName())) unlisted.add(m.getName());
        }
        assertEquals(Set.of(), unlisted, "list each new public method of Experiment as a read or a change");
    }

    @Test
    void theStoredFormNeverChangesWithoutTheRevisionRisingAndReadsLeaveIt() throws Exception {
        Lesson lesson = LESSONS.lesson("04-xor").orElseThrow();
        Experiment other = new Experiment(Config.defaults());
        for (int i = 0; i < 3; i++) other.wholeStep();
        String otherState = CODEC.write(other);
        List<Consumer<Experiment>> changes = new ArrayList<>(List.of(
                e -> CODEC.read(otherState, e), // restore, then resume or leave the lesson
                Experiment::reset,
                e -> e.configure(Config.defaults()),
                e -> e.configure(lesson.variants().get(0).config()),
                // batches of 4 with L2 (issue 14); which sample the views show is stored (it holds for later batches)
                e -> e.configure(Config.defaults().withTraining(4, netstep.engine.Regularization.l2(0.01))),
                e -> e.batch().ifPresent(b -> e.chooseSample(e.steps() % b.batchSize())),
                Experiment::advance,
                e -> e.goTo(Phase.values()[new Random(e.steps()).nextInt(Phase.values().length)]),
                Experiment::wholeStep,
                Experiment::epoch,
                e -> e.trainSteps(3),
                // a lesson's question answered, or revealed by the instructor: the score and the step's answers are
                // stored (the phase it reveals is not)
                e -> e.awaiting().ifPresent(q -> e.answer("0")),
                e -> e.awaiting().ifPresent(q -> e.reveal()),
                e -> e.startTraining(1).ifPresent(run -> {
                    run.run();
                    e.finishTraining(run);
                }),
                e -> e.startTraining(1).ifPresent(e::abandonTraining),
                e -> e.startTraining(1).ifPresent(run -> e.stopTraining()),
                e -> e.tell("a notice"),
                e -> e.setParameter(ParameterRef.parse("W1[1,1]"), 0.125 * e.steps()),
                e -> e.openLesson(lesson.variants().get(0).config(), lesson.variants().get(0).start(),
                        lesson.openOn(), lesson.tailoring(0)),
                e -> e.resumeLesson(null, lesson.tailoring(0)),
                Experiment::leaveLesson,
                e -> e.setLogLossScale(!e.logLossScale()),
                // the number format is stored with the experiment (issue 12, 6)
                e -> e.setDigits(new int[] {2, 4, 6}[e.steps() % 3])));
        Experiment e = new Experiment(Config.defaults());
        Random random = new Random(7);
        int changed = 0;
        for (int i = 0; i < 400; i++) {
            int pick = random.nextInt(changes.size());
            String before = CODEC.write(e);
            long revision = e.revision();
            changes.get(pick).accept(e);
            assertTrue(e.revision() >= revision, "the revision never falls");
            if (!CODEC.write(e).equals(before)) {
                changed++;
                assertTrue(e.revision() > revision, "change " + pick + " altered the stored form at the same revision");
            }
            long now = e.revision();
            for (Method read : Experiment.class.getDeclaredMethods()) {
                if (READS.contains(read.getName()) && read.getParameterCount() == 0
                        && Modifier.isPublic(read.getModifiers())) {
                    read.invoke(e);
                }
            }
            e.record(1);
            e.traceOfStep(1);
            assertEquals(now, e.revision(), "reads leave the revision");
        }
        assertTrue(changed > 100, "the sequence changed the stored form often (" + changed + " times)");
        assertTrue(Arrays.stream(Phase.values()).count() > 1);
    }
}

package netstep.lesson;

import netstep.experiment.Config;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import netstep.experiment.Question;
import netstep.experiment.Score;
import netstep.json.LessonParser;
import netstep.json.StoredExperimentCodec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The running score is stored with the experiment (issue 16: it must survive a restart), with the answers of the
 * step in progress, so a step replayed after a restart neither asks nor counts its questions twice; a question the
 * instructor revealed is outside the score.
 */
class LessonScoreTest {
    private static final LessonLibrary LESSONS = LessonParser.library(null);
    private static final StoredExperimentCodec CODEC = new StoredExperimentCodec(LESSONS);
    private static final Lesson WX = LESSONS.lesson("01-perceptron-y-equals-wx").orElseThrow();

    private static Experiment reloaded(Experiment e) {
        Experiment copy = new Experiment(Config.defaults());
        CODEC.read(CODEC.write(e), copy);
        return copy;
    }

    /** Steps to the question before the forward pass (ŷ = wx, question 1) and answers it right. */
    private static double answerTheForwardQuestionRight(Experiment e) {
        e.advance();
        e.advance();
        assertEquals(1, e.awaiting().orElseThrow());
        double yHat = e.trace().orElseThrow().forward().get(0).a().get(0);
        assertTrue(e.answer(Double.toString(yHat)).correct());
        return yHat;
    }

    @Test
    void theScoreAndTheAnswersOfTheStepInProgressComeBackFromTheStoredForm() {
        Experiment e = LessonLibraryTest.open(WX, 0);
        double yHat = answerTheForwardQuestionRight(e);
        e.goTo(Phase.UPDATE); // stops before backpropagation for the sign of dL/dw
        assertEquals(2, e.awaiting().orElseThrow());
        Question.Answer sign = e.answer("+");
        int right = sign.correct() ? 2 : 1;
        assertEquals(new Score(right, 2, 1, java.util.List.of(new Score.Given(1, Double.toString(yHat), false),
                new Score.Given(2, "+", false))), e.score());

        // a restart in the middle of step 1: the stored experiment is at step 0, with the score and step 1's answers
        Experiment after = reloaded(e);
        assertEquals(0, after.steps());
        assertEquals(right, after.scoreRight());
        assertEquals(2, after.scoreAsked());
        after.goTo(Phase.UPDATE); // the same step again: the two answered questions are not asked again
        assertEquals(0, after.awaiting().orElseThrow(), "only the weight after the update is still to predict");
        assertEquals(Phase.BACKWARD, after.phase());
        assertEquals(java.util.List.of(1, 2), java.util.List.copyOf(after.answers().keySet()));
        assertTrue(after.answers().get(1).correct());
        assertEquals(yHat, after.answers().get(1).right().value(), 0.0);
        assertEquals(sign.correct(), after.answers().get(2).correct());
        after.answer(null);
        assertEquals(3, after.scoreAsked(), "each question counted once");
        assertEquals(right, after.scoreRight());

        // once the step is complete its answers are no longer kept: the next step asks afresh
        assertEquals(Phase.UPDATE, after.phase());
        Experiment next = reloaded(after);
        assertEquals(1, next.steps());
        assertEquals(3, next.scoreAsked());
        next.advance();
        next.advance();
        assertEquals(1, next.awaiting().orElseThrow());
        assertTrue(next.answers().isEmpty());
    }

    @Test
    void aQuestionTheInstructorRevealedIsNotTheStudentsSkip() {
        Experiment e = LessonLibraryTest.open(WX, 0);
        answerTheForwardQuestionRight(e);
        e.goTo(Phase.UPDATE);
        Question.Answer revealed = e.reveal();
        assertTrue(revealed.revealed() && !revealed.skipped() && !revealed.correct());
        assertEquals(Phase.BACKWARD, e.phase(), "the phase opens for the student");
        assertEquals(1, e.scoreAsked(), "the revealed question is outside the score");
        assertEquals(1, e.scoreRight());
        Experiment after = reloaded(e);
        after.goTo(Phase.BACKWARD);
        assertTrue(after.answers().get(2).revealed(), "stored as revealed, not as a skip");
        assertEquals(1, after.scoreAsked());
    }

    @Test
    void aFreshLessonAShareOrAnotherLessonStartsTheScoreAtNothing() {
        Experiment e = LessonLibraryTest.open(WX, 0);
        answerTheForwardQuestionRight(e);
        assertFalse(CODEC.writeWithoutScore(e).contains("\"score\""), "someone else's score does not travel with a share");
        Experiment shared = new Experiment(Config.defaults());
        CODEC.read(CODEC.writeWithoutScore(e), shared);
        assertEquals(0, shared.scoreAsked());
        Lesson xor = LESSONS.lesson("04-xor").orElseThrow();
        e.openLesson(xor.variants().get(0).config(), null, xor.openOn(), xor.tailoring(0));
        assertEquals(Score.NONE, e.score());
        assertEquals(0, reloaded(e).scoreAsked());
    }

    @Test
    void aStoredScoreThatMakesNoSenseCountsAsNone() {
        Experiment e = LessonLibraryTest.open(WX, 0);
        answerTheForwardQuestionRight(e);
        String state = CODEC.write(e);
        assertTrue(state.contains("\"score\":{\"right\":1,\"asked\":1"), state);
        for (String broken : new String[] {"\"right\":5,\"asked\":1", "\"right\":-1,\"asked\":1"}) {
            Experiment copy = new Experiment(Config.defaults());
            CODEC.read(state.replace("\"right\":1,\"asked\":1", broken), copy);
            assertEquals(0, copy.scoreAsked(), broken);
        }
        Experiment copy = new Experiment(Config.defaults());
        CODEC.read(state.replace("\"question\":1", "\"question\":99"), copy);
        copy.advance();
        copy.advance();
        assertEquals(1, copy.awaiting().orElseThrow(), "an answer to a question the lesson does not have is dropped");
        assertEquals(1, copy.scoreAsked());
    }
}

package netstep.lesson;

import netstep.json.LessonParser;

import netstep.engine.StepTrace;
import netstep.experiment.Experiment;
import netstep.experiment.InvalidInput;
import netstep.experiment.Phase;
import netstep.experiment.Question;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Predict, then reveal: the lesson format's questions, their checks, their tolerance and the order of the reveal. */
class LessonQuestionsTest {
    private static final String HEAD = "{\"title\": \"t\", \"settings\": {\"inputs\": 3, \"hidden\": [2], "
            + "\"outputs\": 1, \"dataset\": \"regression-3-2\", \"outputs\": 2}, \"questions\": [";

    private static Lesson parse(String questions) {
        return LessonParser.parse("q", HEAD + questions + "]}");
    }

    private static String refused(String questions) {
        return assertThrows(InvalidInput.class, () -> parse(questions)).getMessage();
    }

    @Test
    void theDocsCompleteExampleIsALessonWithFourQuestions() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(Path.of("docs/lesson-format.md"));
        int start = doc.indexOf("```json\n") + "```json\n".length();
        Lesson example = LessonParser.parse("example", doc.substring(start, doc.indexOf("```", start)));
        assertEquals(List.of(Question.Kind.NUMBER, Question.Kind.SIGN, Question.Kind.CHOICE, Question.Kind.CHOICE),
                example.questions().stream().map(Question::kind).toList());
        assertEquals(1, example.questions().get(3).answer());
    }

    @Test
    void aQuestionAboutANumberTheNetworkDoesNotHaveIsAnErrorNamingIt() {
        String m = refused("{\"before\": \"backward\", \"kind\": \"sign\", \"about\": \"backward[1].dL_dW[0][2]\", "
                + "\"prompt\": \"p\"}");
        assertTrue(m.contains("questions[0].about") && m.contains("backward[1].dL_dW[0][2]") && m.contains("2 inputs"), m);
        m = refused("{\"before\": \"update\", \"kind\": \"number\", \"about\": \"update[2].W[0][0]\", \"tolerance\": 0.1, "
                + "\"prompt\": \"p\"}");
        assertTrue(m.contains("update[2].W[0][0]") && m.contains("layer 2"), m);
        m = refused("{\"before\": \"forward\", \"kind\": \"number\", \"about\": \"forward[0].z[0]\", \"tolerance\": 0.1, "
                + "\"prompt\": \"p\"}");
        assertTrue(m.contains("forward has no z"), m);
        m = refused("{\"before\": \"forward\", \"kind\": \"number\", \"about\": \"weights\", \"tolerance\": 0.1, "
                + "\"prompt\": \"p\"}");
        assertTrue(m.contains("\"weights\" names no number"), m);
    }

    @Test
    void otherMistakesAreNamed() {
        assertTrue(refused("{\"before\": \"loss\", \"kind\": \"number\", \"about\": \"loss\", \"prompt\": \"p\"}")
                .contains("tolerance"));
        assertTrue(refused("{\"before\": \"pick\", \"kind\": \"sign\", \"about\": \"loss\", \"prompt\": \"p\"}")
                .contains("questions[0].before"));
        assertTrue(refused("{\"before\": \"loss\", \"kind\": \"guess\", \"about\": \"loss\", \"prompt\": \"p\"}")
                .contains("kind must be number, sign or choice"));
        assertTrue(refused("{\"before\": \"loss\", \"kind\": \"sign\", \"about\": \"loss\"}")
                .contains("missing field questions[0].prompt"));
        assertTrue(refused("{\"before\": \"loss\", \"kind\": \"sign\", \"about\": \"loss\", \"prompt\": \"p\", "
                + "\"colour\": 1}").contains("unknown field \"questions[0].colour\""));
        // the number would already be on the page: no prediction left to make
        assertTrue(refused("{\"before\": \"backward\", \"kind\": \"number\", \"about\": \"forward[0].a[0]\", "
                + "\"tolerance\": 0.1, \"prompt\": \"p\"}").contains("already on the page"));
        assertTrue(refused("{\"before\": \"loss\", \"kind\": \"choice\", \"prompt\": \"p\", \"options\": "
                + "[{\"label\": \"a\"}, {\"label\": \"b\"}]}").contains("give the right option as answer"));
        assertTrue(refused("{\"before\": \"loss\", \"kind\": \"choice\", \"prompt\": \"p\", \"answer\": 2, \"options\": "
                + "[{\"label\": \"a\"}, {\"label\": \"b\"}]}").contains("answer must be the index of an option"));
        assertTrue(refused("{\"before\": \"loss\", \"kind\": \"sign\", \"about\": \"loss\", \"prompt\": \"p\", "
                + "\"options\": []}").contains("only a choice has options"));
    }

    @Test
    void aQuestionMustFitEveryVariant() {
        String m = assertThrows(InvalidInput.class, () -> LessonParser.parse("v", "{\"title\": \"t\", \"settings\": "
                + "{\"inputs\": 2, \"outputs\": 1, \"dataset\": \"xor\"}, \"variants\": [{\"label\": \"linear\", "
                + "\"settings\": {\"hidden\": []}}, {\"label\": \"mlp\", \"settings\": {\"hidden\": [2]}}], "
                + "\"questions\": [{\"before\": \"backward\", \"kind\": \"sign\", \"about\": \"backward[1].dL_db[0]\", "
                + "\"prompt\": \"p\"}]}")).getMessage();
        assertTrue(m.contains("in the variant \"linear\""), m);
    }

    @Test
    void theRevealWaitsForAnAnswerAndTheAnswerIsCheckedAgainstTheTrace() {
        Lesson wx = LessonParser.library(null).lesson("01-perceptron-y-equals-wx").orElseThrow();
        assertTrue(wx.questions().get(0).prompt().startsWith("What do you think the weight is"));
        Experiment e = LessonLibraryTest.open(wx, 0);
        e.advance(); // pick
        assertEquals(Phase.PICK, e.phase());
        e.advance(); // the forward pass has a question before it
        assertEquals(Phase.PICK, e.phase());
        assertEquals(1, e.awaiting().orElseThrow());
        e.advance();
        e.goTo(Phase.UPDATE);
        assertEquals(Phase.PICK, e.phase(), "nothing is shown before the answer");
        StepTrace t = e.trace().orElseThrow();
        double x = t.x().get(0);
        double y = t.y().get(0);
        double w = 1.0; // the lesson's starting weight
        // ŷ = wx, by hand
        Question.Answer a = e.answer(Double.toString(w * x + 0.04));
        assertTrue(a.correct(), "0.04 off is within the tolerance of 0.05");
        assertEquals(w * x, a.right().value(), 1e-12);
        assertEquals(Phase.FORWARD, e.phase());
        e.goTo(Phase.UPDATE); // stops before backpropagation: the sign question
        assertEquals(Phase.LOSS, e.phase());
        Question.Answer sign = e.answer("+");
        // dL/dw = −(y − ŷ)x
        double grad = -(y - w * x) * x;
        assertEquals(grad > 0 ? "+" : grad < 0 ? "−" : "0", sign.right().sign());
        assertEquals(grad > 0, sign.correct());
        assertEquals(Phase.BACKWARD, e.phase());
        e.advance(); // "what do you think the weight is?" comes before the update
        assertEquals(Phase.BACKWARD, e.phase());
        assertEquals(0, e.awaiting().orElseThrow());
        Question.Answer skipped = e.answer(null);
        assertTrue(skipped.skipped() && !skipped.correct());
        assertEquals(w + 0.02 * (y - w * x) * x, skipped.right().value(), 1e-12, "w ← w + η(y − ŷ)x by hand");
        assertEquals(Phase.UPDATE, e.phase());
        assertEquals(3, e.scoreAsked());
        assertEquals(sign.correct() ? 2 : 1, e.scoreRight());
        // the next step asks again; a whole step passes its questions by
        e.advance();
        e.advance();
        assertEquals(Phase.PICK, e.phase());
        assertTrue(e.awaiting().isPresent());
        e.wholeStep();
        assertEquals(Phase.UPDATE, e.phase());
        assertTrue(e.awaiting().isEmpty());
        assertThrows(InvalidInput.class, () -> e.answer("1"), "no question is being asked");
    }

    @Test
    void toleranceAndKindsOfAnswer() {
        Lesson wx = LessonParser.library(null).lesson("01-perceptron-y-equals-wx").orElseThrow();
        Experiment e = LessonLibraryTest.open(wx, 0);
        e.advance();
        e.advance();
        StepTrace t = e.trace().orElseThrow();
        Question forward = wx.questions().get(1);
        double right = t.x().get(0); // ŷ = 1·x
        assertTrue(forward.check(Double.toString(right + 0.05), t).correct(), "the tolerance itself counts as right");
        assertFalse(forward.check(Double.toString(right + 0.0501), t).correct());
        assertFalse(forward.check(Double.toString(right - 0.06), t).correct());
        assertTrue(forward.check(Double.toString(right).replace('.', ','), t).correct(), "a decimal comma");
        assertThrows(InvalidInput.class, () -> forward.check("two", t));
        assertThrows(InvalidInput.class, () -> forward.check("NaN", t));
        assertThrows(InvalidInput.class, () -> forward.check("1e400", t));
        Question sign = wx.questions().get(2);
        assertThrows(InvalidInput.class, () -> sign.check("up", t));
        assertEquals("−", sign.check("-", t).given());
        assertThrows(InvalidInput.class, () -> e.answer("not a number"));
        assertEquals(1, e.awaiting().orElseThrow(), "a refused answer leaves the question asked");
        assertEquals(Phase.PICK, e.phase());
    }

    /** A sign question's tolerance: a value no larger in size than it is "0", so a loss near zero is not "+". */
    @Test
    void aSignWithinItsToleranceIsZero() {
        Lesson wide = parse("{\"before\": \"loss\", \"kind\": \"sign\", \"about\": \"loss\", \"prompt\": \"p\", "
                + "\"tolerance\": 1e6}");
        Lesson exact = parse("{\"before\": \"loss\", \"kind\": \"sign\", \"about\": \"loss\", \"prompt\": \"p\"}");
        Experiment e = LessonLibraryTest.open(exact, 0);
        e.goTo(Phase.FORWARD);
        StepTrace t = e.trace().orElseThrow();
        assertTrue(t.loss() > 0 && t.loss() < 1e6, "a loss between the two tolerances: " + t.loss());
        assertEquals("+", exact.questions().get(0).right(t).sign());
        assertTrue(exact.questions().get(0).check("+", t).correct());
        assertEquals("0", wide.questions().get(0).right(t).sign());
        assertTrue(wide.questions().get(0).check("zero", t).correct());
        assertFalse(wide.questions().get(0).check("+", t).correct());
    }

    @Test
    void aChoiceByTheTracePicksTheLargestInSize() {
        Lesson chain = LessonParser.library(null).lesson("07-chain-rule").orElseThrow();
        Experiment e = LessonLibraryTest.open(chain, 0);
        assertEquals(Phase.BACKWARD, e.phase());
        e.advance();
        assertEquals(0, e.awaiting().orElseThrow());
        StepTrace t = e.trace().orElseThrow();
        double[] g = new double[3];
        for (int l = 0; l < 3; l++) g[l] = Math.abs(t.backward().get(l).dL_dW().get(0, 0));
        int largest = g[0] >= g[1] && g[0] >= g[2] ? 0 : g[1] >= g[2] ? 1 : 2;
        assertThrows(InvalidInput.class, () -> e.answer("3"), "an option that does not exist");
        Question.Answer a = e.answer(Integer.toString(largest));
        assertTrue(a.correct());
        assertEquals(List.of("w₁", "w₂", "w₃").get(largest), a.given());
        assertEquals(1, e.awaiting().orElseThrow(), "the second question before the update comes next");
        assertEquals(Phase.BACKWARD, e.phase());
    }
}

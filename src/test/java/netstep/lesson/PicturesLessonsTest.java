package netstep.lesson;

import netstep.json.LessonParser;
import netstep.engine.StepTrace;
import netstep.experiment.Experiment;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The numbers the image and class lessons write in their explanations. */
class PicturesLessonsTest {

    @Test
    void softmaxVsSvmLossGivesTheExplainedNumbers() {
        Lesson lesson = LessonParser.library(null).lesson("11-softmax-vs-svm-loss").orElseThrow();
        Experiment softmax = LessonLibraryTest.open(lesson, 0);
        StepTrace ce = softmax.trace().orElseThrow();
        assertEquals(0.245, ce.prediction().get(1), 5e-4);
        assertEquals(1.408, ce.loss(), 5e-4);
        assertEquals(-0.755, ce.backward().get(0).dL_da().get(1), 5e-4);
        Experiment svm = LessonLibraryTest.open(lesson, 1);
        StepTrace hinge = svm.trace().orElseThrow();
        assertEquals(2.0, hinge.loss(), 0.0);
        assertEquals(0.0, hinge.lossTerms().get(0), 0.0, "exactly on its margin: counts 0");
        assertEquals(-1.0, hinge.backward().get(0).dL_da().get(1), 0.0);
        assertEquals(1.0, hinge.backward().get(0).dL_da().get(2), 0.0);
    }

    @Test
    void theDigitsLessonIsTheLecturesLinearClassifier() {
        Lesson lesson = LessonParser.library(null).lesson("09-linear-classifier-digits").orElseThrow();
        Experiment e = LessonLibraryTest.open(lesson, 0);
        assertEquals(650, e.config().parameterCount().total());
        assertEquals(1, e.network().depth());
    }

    @Test
    void fullyVsLocallyConnectedCountsAndTrainsAsExplained() {
        Lesson lesson = LessonParser.library(null).lesson("13-fully-vs-locally-connected").orElseThrow();
        Experiment full = LessonLibraryTest.open(lesson, 0);
        Experiment local = LessonLibraryTest.open(lesson, 1);
        assertEquals(2_304, full.network().layer(0).unmaskedWeightCount());
        assertEquals("locally connected 36 neurons × 3×3 = 324 weights", local.network().layer(0).connectivity());
        assertEquals(full.config().sizes(), local.config().sizes(), "the same task, the same sizes");
        double[] accuracy = new double[2];
        Experiment[] both = {full, local};
        for (int v = 0; v < 2; v++) {
            var run = both[v].startTraining(5).orElseThrow();
            run.run();
            both[v].finishTraining(run);
            var d = both[v].dataset();
            accuracy[v] = netstep.engine.Evaluation.of(both[v].network(), null, d.testXMatrix(), d.testYMatrix()).accuracy();
        }
        System.out.printf(java.util.Locale.ROOT, "digits, 5 epochs, seed 1: fully connected %.1f %%, locally connected %.1f %%%n",
                100 * accuracy[0], 100 * accuracy[1]);
        String text = lesson.explanation();
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "%.0f %%", 100 * accuracy[0])), text);
        assertTrue(text.contains(String.format(java.util.Locale.ROOT, "%.0f %%", 100 * accuracy[1])), text);
        assertTrue(local.network().layer(0).masked() && !full.network().layer(0).masked());
    }
}

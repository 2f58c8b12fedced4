package netstep.lesson;

import netstep.json.LessonParser;
import netstep.engine.StepTrace;
import netstep.experiment.Experiment;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;

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
}

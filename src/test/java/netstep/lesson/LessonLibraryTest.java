package netstep.lesson;

import netstep.json.LessonParser;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LessonLibraryTest {

    static Experiment open(Lesson lesson, int variant) {
        Experiment e = new Experiment(lesson.variants().get(variant).config());
        e.openLesson(lesson.variants().get(variant).config(), lesson.variants().get(variant).start(), lesson.openOn(),
                lesson.tailoring(variant));
        return e;
    }

    @Test
    void everyShippedLessonLoadsAndEveryVariantTrainsAnEpoch() {
        LessonLibrary library = LessonParser.library(null);
        assertEquals(List.of(), library.unavailable(), "no shipped lesson is broken");
        assertTrue(library.lessons().size() >= 8, "the lecture's eight examples at least");
        for (Lesson lesson : library.lessons()) {
            assertFalse(lesson.title().isBlank());
            assertFalse(lesson.explanation().isBlank(), lesson.id() + " explains itself");
            for (int v = 0; v < lesson.variants().size(); v++) {
                Experiment e = open(lesson, v);
                // a question before the phase to open on is asked first: the page stops one phase short
                Phase expected = e.awaiting().map(q -> Phase.values()[e.questions().get(q).before().ordinal() - 1])
                        .orElse(lesson.openOn());
                assertEquals(expected, e.phase(), lesson.id());
                int before = e.epochs();
                e.epoch();
                assertEquals(before + 1, e.epochs(), lesson.id() + " variant " + v + " trained an epoch");
                assertTrue(e.notice().isEmpty() || !e.notice().get().contains("diverged"), lesson.id());
                assertTrue(Double.isFinite(e.currentMeanLoss()));
            }
        }
    }

    @Test
    void theXorLessonsLinearModelStaysAboveALossTheMlpGoesBelow() {
        Lesson xor = LessonParser.library(null).lesson("04-xor").orElseThrow();
        assertEquals(2, xor.variants().size());
        Experiment linear = open(xor, 0);
        Experiment mlp = open(xor, 1);
        assertEquals(List.of(2, 1), linear.config().sizes());
        assertEquals(List.of(2, 2, 1), mlp.config().sizes());
        double lowestLinear = Double.POSITIVE_INFINITY;
        for (int epoch = 0; epoch < 200; epoch++) {
            linear.epoch();
            mlp.epoch();
            lowestLinear = Math.min(lowestLinear, linear.currentMeanLoss());
        }
        // the best a line can do on XOR with L2 is ŷ = ½ everywhere: ½(½)² = 0.125
        assertTrue(lowestLinear > 0.12, "linear: " + lowestLinear);
        assertTrue(mlp.currentMeanLoss() < 0.02, "2-2-1 tanh: " + mlp.currentMeanLoss());
    }

    @Test
    void thePerceptronLessonStartsAtItsOwnWeightAndLocksTheNetwork() {
        Lesson lesson = LessonParser.library(null).lesson("01-perceptron-y-equals-wx").orElseThrow();
        Experiment e = open(lesson, 0);
        assertEquals(1.0, e.network().layer(0).weight(0, 0));
        assertFalse(e.config().trainBiases());
        assertTrue(e.tailoring().orElseThrow().locks("hidden"));
        assertFalse(e.tailoring().orElseThrow().locks("learningRate"), "η is the student's to try");
    }

    @Test
    void brokenFilesAreUnavailableWithTheirReasonAndTheOthersStillWork(@TempDir Path folder) throws Exception {
        Map<String, String[]> broken = Map.of(
                "bad-json.json", new String[] {"{\"title\": ", "malformed JSON at line 1"},
                "unknown-field.json", new String[] {"{\"title\": \"x\", \"colour\": \"red\"}", "unknown field \"colour\""},
                "no-title.json", new String[] {"{\"settings\": {}}", "missing field title"},
                "zero-width.json", new String[] {"{\"title\": \"x\", \"settings\": {\"hidden\": [0]}}", "settings.hidden"},
                "wrong-network.json", new String[] {"{\"title\": \"x\", \"network\": {\"layers\": [{\"weights\": [[1]], \"biases\": [0]}]}}",
                        "must list 2 layers"},
                "bad-hide.json", new String[] {"{\"title\": \"x\", \"hide\": [\"everything\"]}", "hide names \"everything\""},
                "mismatch.json", new String[] {"{\"title\": \"x\", \"settings\": {\"dataset\": \"xor\"}}", "Does not fit"});
        for (var file : broken.entrySet()) Files.writeString(folder.resolve(file.getKey()), file.getValue()[0]);
        Files.writeString(folder.resolve("zz-mine.json"), "{\"title\": \"An instructor's own\", "
                + "\"explanation\": \"<script>alert(1)</script>\", \"settings\": {\"learningRate\": 0.3}}");
        Files.writeString(folder.resolve("notes.txt"), "not a lesson");

        LessonLibrary library = LessonParser.library(folder);
        assertEquals(broken.size(), library.unavailable().size(), library.unavailable().toString());
        for (LessonLibrary.Unavailable u : library.unavailable()) {
            String expected = broken.get(u.file())[1];
            assertTrue(u.reason().contains(expected), u.file() + ": " + u.reason());
        }
        Lesson mine = library.lesson("zz-mine").orElseThrow();
        assertEquals(0.3, mine.variants().get(0).config().learningRate());
        assertTrue(library.lesson("04-xor").isPresent(), "the shipped lessons still work");
    }

    @Test
    void theCompleteExampleOfTheFormatIsAWorkingLesson() throws Exception {
        String readme = Files.readString(Path.of("docs/lesson-format.md"));
        int start = readme.indexOf("A complete example, with every field:");
        int open = readme.indexOf("```json", start) + "```json".length();
        String json = readme.substring(open, readme.indexOf("```", open));
        Lesson lesson = LessonParser.parse("readme-example", json);
        assertEquals(2, lesson.variants().size());
        assertNotNull(lesson.variants().get(0).start(), "the hand-picked start");
        assertNull(lesson.variants().get(1).start(), "\"network\": null starts from the seed");
        assertEquals(Phase.FORWARD, lesson.openOn());
        Experiment e = open(lesson, 0);
        assertEquals(-0.5, e.network().layer(1).bias(0));
        assertEquals(Phase.FORWARD, e.phase());
    }
}

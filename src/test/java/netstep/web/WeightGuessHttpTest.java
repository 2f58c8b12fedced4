package netstep.web;

import netstep.experiment.Experiment;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The y = wx lesson (issue 12, 9): the edge shows w, and the guess is typed into a "w = ___" field beside it. */
class WeightGuessHttpTest {
    private static final String Y_EQUALS_WX = "01-perceptron-y-equals-wx";

    private static String edgeLabel(String html) {
        Matcher m = Pattern.compile("id=\"edge-w\"[^>]*>([^<]*)<").matcher(html);
        assertTrue(m.find(), "the edge is labelled");
        return m.group(1);
    }

    @Test
    void theEdgeShowsWAndTheGuessBesideTheCaptionSetsIt() {
        try (TestServer server = new TestServer()) {
            TestServer.Browser b = server.browser();
            assertEquals(303, b.post("/lesson", "lesson", Y_EQUALS_WX).statusCode());
            String page = b.get("/").body();
            assertEquals("w = 1", edgeLabel(page));
            int caption = page.indexOf("id=\"diagram-caption\"");
            int guess = page.indexOf("id=\"w-guess-form\"");
            int svg = page.indexOf("id=\"diagram-svg\"");
            assertTrue(caption > 0 && caption < guess && guess < svg, "the field sits between the caption and the drawing");
            assertTrue(page.matches("(?s).*<label for=\"w-guess\">Your guess: w = </label>.*"), "labelled w =");
            // the guess, with htmx: the diagram comes back with the new w on its edge
            String answer = b.htmx("/edit", "parameter", "W1[1,1]", "value", "2.5").body();
            assertEquals(2.5, b.inspect(e -> e.network().layer(0).weight(0, 0)));
            assertEquals("w = 2.5", edgeLabel(answer));
            // and without JavaScript
            assertEquals(303, b.post("/edit", "parameter", "W1[1,1]", "value", "1.75").statusCode());
            assertEquals("w = 1.75", edgeLabel(b.get("/").body()));
        }
    }

    @Test
    void theNumberQuestionAboutTheWeightIsAWField() {
        try (TestServer server = new TestServer()) {
            TestServer.Browser b = server.browser();
            b.post("/lesson", "lesson", Y_EQUALS_WX);
            String asked = null;
            for (int click = 0; click < 12 && asked == null; click++) {
                boolean waiting = b.inspect(e -> e.awaiting().isPresent());
                if (waiting) {
                    String page = b.get("/").body();
                    if (page.contains("What do you think the weight is")) asked = page;
                    else b.post("/answer", "action", "skip", "question", Integer.toString(b.<Integer>inspect(e -> e.awaiting().orElseThrow())));
                } else {
                    b.post("/step", "action", "next");
                }
            }
            assertNotNull(asked, "the lesson asks for the weight after the step");
            String form = WebClient.text(asked, "quiz-form");
            assertTrue(form.contains("w ="), form);
            assertTrue(asked.matches("(?s).*<label class=\"quiz-symbol\">w = <input[^>]*id=\"quiz-answer\".*"), "w = [____]");
            assertFalse(b.inspect(Experiment::questions).isEmpty());
        }
    }

    @Test
    void otherNetworksHaveNoSuchField() {
        try (TestServer server = new TestServer()) {
            String page = server.browser().get("/").body();
            assertFalse(page.contains("w-guess-form") || page.contains("id=\"edge-w\""), "the default network has many weights");
        }
    }
}

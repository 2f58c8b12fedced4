package netstep.web;

import netstep.view.render.Num;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.*;

/** Predict, then reveal, through the web: a phase's numbers reach the browser only after the answer or a skip. */
class QuestionsHttpTest {
    private static final String LINEAR_LAYER = "02-linear-layer-bias-trick";

    @Test
    void thePhasesNumbersAreNotSentBeforeTheAnswer() {
        try (TestServer server = new TestServer()) {
            TestServer.Browser b = server.browser();
            // the lesson opens on the forward pass, which has a question before it: the page asks first
            assertEquals(303, b.post("/lesson", "lesson", LINEAR_LAYER).statusCode());
            String page = b.get("/").body();
            double a0 = b.inspect(e -> e.trace().orElseThrow().forward().get(0).a().get(0));
            String shown = Num.f(a0);
            assertTrue(WebClient.hasId(page, "quiz-form"), "the question is asked");
            assertFalse(WebClient.hasId(page, "phase-forward"), "the forward phase is not on the page");
            int at = page.indexOf("= " + shown);
            assertFalse(at >= 0, "a₁[1] = " + shown + " is not on the page: "
                    + (at >= 0 ? page.substring(Math.max(0, at - 300), Math.min(page.length(), at + 100)) : ""));
            // pressing Next or a later phase does not get round the question
            for (String action : new String[] {"next", "forward", "update", "backward"}) {
                String fragment = b.htmx("/step", "action", action).body();
                assertFalse(fragment.contains("= " + shown) || fragment.contains("phase-forward"),
                        action + " must not reveal the forward pass before the answer");
            }
            // a refused answer is a 400 that reveals nothing either
            HttpResponse<String> refused = b.htmx("/answer", "action", "answer", "question", "0", "answer", "lots");
            assertEquals(400, refused.statusCode());
            assertFalse(refused.body().contains(shown));
            assertEquals(400, b.htmx("/answer", "action", "answer", "question", "1", "answer", "1").statusCode(),
                    "an answer to a question that is not being asked");
            // the answer: the forward pass is revealed beside it, with the running score
            HttpResponse<String> answered = b.htmx("/answer", "action", "answer", "question", "0",
                    "answer", Double.toString(a0 + 0.005));
            assertEquals(200, answered.statusCode());
            String fragment = answered.body();
            assertTrue(fragment.contains("phase-forward") && fragment.contains("= " + shown), "revealed after the answer");
            assertTrue(fragment.contains("quiz-result-0"));
            assertEquals("1 of 1", WebClient.text(fragment, "quiz-score"));
            assertTrue(WebClient.text(fragment, "quiz-result-0").contains("Right: " + Num.f(a0)),
                    WebClient.text(fragment, "quiz-result-0"));
            // nothing is being asked now: another answer is refused, not a 500
            assertEquals(400, b.htmx("/answer", "action", "skip", "question", "0").statusCode());
        }
    }

    @Test
    void skipRevealsWithoutJavaScriptToo() {
        try (TestServer server = new TestServer()) {
            TestServer.Browser b = server.browser();
            b.post("/lesson", "lesson", LINEAR_LAYER);
            HttpResponse<String> skipped = b.post("/answer", "action", "skip", "question", "0");
            assertEquals(303, skipped.statusCode());
            String page = b.get("/").body();
            assertTrue(WebClient.hasId(page, "phase-forward"));
            assertTrue(WebClient.text(page, "quiz-result-0").contains("skipped"));
            assertEquals("0 of 1", WebClient.text(page, "quiz-score"));
        }
    }
}

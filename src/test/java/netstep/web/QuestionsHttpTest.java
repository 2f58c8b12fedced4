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

    /**
     * Every question of every shipped lesson, over two steps: while it is asked, neither the answer to the click nor
     * the page holds the phase it comes before (or a later one), nor the number it asks about.
     */
    @Test
    void noLessonShowsAPhaseOrItsNumberBeforeItsQuestionIsAnswered() {
        int asked = 0;
        try (TestServer server = new TestServer()) {
            for (netstep.lesson.Lesson lesson : netstep.json.LessonParser.library(null).lessons()) {
                if (lesson.questions().isEmpty()) continue;
                TestServer.Browser b = server.browser();
                assertEquals(303, b.post("/lesson", "lesson", lesson.id()).statusCode());
                String fragment = b.get("/").body();
                for (int click = 0; click < 24 && b.<Integer>inspect(e -> e.steps()) < 2; click++) {
                    Integer q = b.<Integer>inspect(e -> e.awaiting().orElse(null));
                    if (q == null) {
                        fragment = b.htmx("/step", "action", "next").body();
                        continue;
                    }
                    asked++;
                    String where = lesson.id() + " question " + q + " in step " + (b.<Integer>inspect(e -> e.steps()) + 1);
                    netstep.experiment.Question question = lesson.questions().get(q);
                    double value = b.inspect(e -> question.right(e.trace().orElseThrow()).value());
                    // the lesson's own text is the same in every step (read, not tested, for numbers it gives away)
                    String page = b.get("/").body().replaceFirst("(?s)<section id=\"lesson-panel\".*?</section>", "");
                    for (netstep.experiment.Phase p : netstep.experiment.Phase.values()) {
                        if (p.ordinal() < question.before().ordinal()) continue;
                        assertFalse(WebClient.hasId(page, "phase-" + p.id), where + ": the page shows " + p.id);
                        assertFalse(WebClient.hasId(fragment, "phase-" + p.id), where + ": the fragment shows " + p.id);
                    }
                    // a number that equals one shown for another reason (the sample's x or y, a parameter: ŷ = wx is w
                    // when x = 1) proves nothing
                    java.util.Set<String> known = b.inspect(e -> {
                        java.util.Set<String> shown = new java.util.HashSet<>();
                        for (double v : e.trace().orElseThrow().x().toArray()) shown.add(Num.f(v));
                        for (double v : e.trace().orElseThrow().y().toArray()) shown.add(Num.f(v));
                        for (int l = 0; l < e.network().depth(); l++) {
                            for (double[] row : e.network().layer(l).weights().toArray()) {
                                for (double v : row) shown.add(Num.f(v));
                            }
                            for (double v : e.network().layer(l).biases().toArray()) shown.add(Num.f(v));
                        }
                        return shown;
                    });
                    if (Double.isFinite(value) && !known.contains(Num.f(value))) {
                        String number = "= " + Num.f(value);
                        int at = page.indexOf(number);
                        assertFalse(at >= 0, where + ": the page shows " + number + ": "
                                + (at < 0 ? "" : page.substring(Math.max(0, at - 400), Math.min(page.length(), at + 100))));
                        assertFalse(fragment.contains(number), where + ": the fragment shows " + number);
                    }
                    HttpResponse<String> answered = b.htmx("/answer", "action", "skip", "question", q.toString());
                    assertEquals(200, answered.statusCode(), where);
                    boolean another = b.<Boolean>inspect(e -> e.awaiting().isPresent()); // two before one phase
                    assertEquals(!another, WebClient.hasId(answered.body(), "phase-" + question.before().id),
                            where + ": the phase comes with the last answer before it");
                    fragment = answered.body();
                }
            }
        }
        assertTrue(asked >= 16, "every lesson's questions were asked twice (" + asked + ")");
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

package netstep.web;

import netstep.experiment.Experiment;
import netstep.experiment.StepRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A session whose state its pages cannot draw, met through HTTP: whichever request meets it, htmx click or plain
 * form post, the student gets the message and a working Start over, never the bare 500 sentence. The state is
 * made undrawable straight in the store (a step history holding a hole no door can put there), so no hook exists
 * in the app for it.
 */
class BrokenSessionHttpTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyHtmxClickThatCannotBeDrawnLeadsToThePageWithStartOver() {
        Map<String, Function<TestServer.Browser, HttpResponse<String>>> clicks = new LinkedHashMap<>();
        clicks.put("a page of the step history", s -> s.htmxGet("/history?page=1"));
        clicks.put("a past step", s -> s.htmxGet("/history/1"));
        clicks.put("free play", s -> s.htmx("/lesson", "lesson", ""));
        clicks.put("cancelling training", s -> s.htmx("/train/cancel"));
        for (var click : clicks.entrySet()) {
            TestServer.Browser student = broken();
            HttpResponse<String> answer = click.getValue().apply(student);
            String what = click.getKey();
            assertEquals(500, answer.statusCode(), what + ": " + clip(answer.body()));
            // htmx swaps no 5xx answer but follows HX-Redirect whatever the status: to the page with the way out
            assertEquals("/", answer.headers().firstValue("HX-Redirect").orElse(""), what);
            assertEquals("nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""), what);
            assertFalse(answer.body().contains("Exception") || answer.body().contains("at netstep"), answer.body());
            assertBrokenSessionPage(student.get("/"));
            startOverWorks(student);
        }
    }

    @Test
    void aPlainFormPostThatCannotBeDrawnShowsThePageWithStartOver() {
        TestServer.Browser student = broken();
        // a post whose answer is a page (the sample table's draft), without JavaScript
        assertBrokenSessionPage(student.post("/data/table", "action", "add", "rows", "0",
                "columns", "0"));
        // a post answered by a redirect stores its change, and the page it leads to offers the way out
        HttpResponse<String> step = student.post("/step", "action", "whole");
        assertEquals(303, step.statusCode());
        assertBrokenSessionPage(student.get(step.headers().firstValue("Location").orElseThrow()));
        startOverWorks(student);
    }

    @Test
    void aClickTheStateCanStillDrawIsAnsweredAsUsual() {
        TestServer.Browser student = broken();
        HttpResponse<String> scale = student.htmx("/view/loss-scale", "scale", "log");
        assertEquals(200, scale.statusCode(), scale.body());
        assertTrue(scale.headers().firstValue("HX-Redirect").isEmpty());
        // a whole step's or an epoch's answer leaves the history to load when scrolled into view, so it draws;
        // loading the history then is "a page of the step history" above, which leads to Start over
        for (String action : new String[] {"whole", "epoch"}) {
            HttpResponse<String> step = student.htmx("/step", "action", action);
            assertEquals(200, step.statusCode(), action + ": " + clip(step.body()));
            assertFalse(step.body().contains("id=\"history-step-"), action + ": the history is not in the answer");
        }
    }

    /** A student who took two steps, whose step history then got a hole the views cannot draw. */
    private static TestServer.Browser broken() {
        TestServer.Browser student = server.browser();
        assertEquals(303, student.post("/step", "action", "whole").statusCode());
        assertEquals(303, student.post("/step", "action", "whole").statusCode());
        student.inspect(e -> {
            records(e).add(1, null);
            return null;
        });
        assertThrows(RuntimeException.class, () -> student.inspect(Experiment::records), "the state is broken");
        return student;
    }

    @SuppressWarnings("unchecked")
    private static List<StepRecord> records(Experiment e) {
        try {
            Field field = Experiment.class.getDeclaredField("records");
            field.setAccessible(true);
            return (List<StepRecord>) field.get(e);
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException(x);
        }
    }

    private static String clip(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    private static void assertBrokenSessionPage(HttpResponse<String> page) {
        assertEquals(500, page.statusCode(), clip(page.body()));
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("This experiment cannot be shown"), page.body());
        assertTrue(page.body().contains("<form method=\"post\" action=\"/start-over\""), page.body());
        assertTrue(page.body().contains("<meta charset=\"UTF-8\">"));
        // its step history cannot be written as a file either, so no download is offered
        assertFalse(page.body().contains("/export/experiment.json"), page.body());
    }

    private static void startOverWorks(TestServer.Browser student) {
        HttpResponse<String> startOver = student.post("/start-over");
        assertEquals(303, startOver.statusCode());
        HttpResponse<String> page = student.get("/");
        assertEquals(200, page.statusCode(), clip(page.body()));
        assertFalse(page.body().contains("This experiment cannot be shown"));
        assertEquals(0, (int) student.inspect(Experiment::steps));
        assertEquals(200, student.htmx("/step", "action", "whole").statusCode());
    }
}

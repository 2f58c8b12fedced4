package netstep.web;

import netstep.json.LessonParser;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import netstep.experiment.TrainingPool;
import netstep.store.SessionStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A 500 that reached none of the app's exception handlers (an Error thrown by a handler, or a handler that set the
 * status and said nothing) still gets the server-error sentence and the security headers, not Javalin's text. The
 * failing routes exist only in this test's copy of the app.
 */
class UnhandledErrorTest {
    static Javalin app;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = App.create(new SessionStore(), LessonParser.library(null), new TrainingPool(1, 1), null, Connections.DEFAULTS);
        app.unsafe.routes.get("/test-only/error", ctx -> {
            throw new AssertionError("an Error no exception handler takes");
        });
        app.unsafe.routes.post("/test-only/silent", ctx -> ctx.status(HttpStatus.INTERNAL_SERVER_ERROR));
        app.unsafe.routes.get("/api/test-only/error", ctx -> {
            throw new StackOverflowError();
        });
        app.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void anErrorInAHandlerGetsTheServerErrorSentence() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/test-only/error")).GET());
        assertServerError(r);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), r.headers().toString());
    }

    @Test
    void aSilent500GetsTheServerErrorSentence() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/test-only/silent"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertServerError(r);
    }

    @Test
    void theJsonApiGetsItInJson() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/test-only/error")).GET());
        assertServerError(r);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                r.headers().toString());
        assertTrue(r.body().startsWith("{\"error\":"), r.body());
    }

    private static void assertServerError(HttpResponse<String> r) {
        assertEquals(500, r.statusCode(), r.body());
        assertTrue(r.body().contains(ErrorAnswers.sentence(500)), r.body());
        assertFalse(r.body().contains("Error") || r.body().contains("Internal server error"), r.body());
        Security.HEADERS.forEach((name, value) -> assertEquals(value, r.headers().firstValue(name).orElse(""), name));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + app.port() + path);
    }
}

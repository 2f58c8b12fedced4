package netstep.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.*;

/** Oversized, unreadable or misdirected requests get a 4xx that says what is wrong, never a stack trace. */
class LimitsTest {
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
    void healthAnswersSmallJson() {
        HttpResponse<String> health = server.new Browser().get("/health");
        assertEquals(200, health.statusCode());
        assertTrue(health.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertTrue(health.body().startsWith("{\"status\":\"ok\""), health.body());
        assertTrue(health.body().length() < 200);
        assertTrue(health.headers().firstValue("Set-Cookie").isEmpty(), "a health check opens no session");
    }

    @Test
    void aBodyOverOneMegabyteIsRefusedWith413() {
        TestServer.Browser b = server.browser();
        String huge = "x".repeat((int) App.MAX_REQUEST_BYTES + 1);
        HttpResponse<String> api = b.send(b.request("/api/train").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(huge)));
        assertEquals(413, api.statusCode());
        HttpResponse<String> form = b.send(b.request("/configure").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("inputs=" + huge)));
        assertEquals(413, form.statusCode());
        assertNoStackTrace(form);
    }

    @Test
    void unknownPagesAndWrongMethodsSaySo() {
        TestServer.Browser b = server.new Browser();
        HttpResponse<String> missing = b.get("/nowhere");
        assertEquals(404, missing.statusCode());
        assertEquals("There is no page at /nowhere. The stepper is at /.", missing.body());
        HttpResponse<String> wrong = b.send(b.request("/step").DELETE());
        assertEquals(405, wrong.statusCode());
        assertEquals("/step does not take DELETE requests.", wrong.body());
        HttpResponse<String> apiWrong = b.get("/api/step");
        assertEquals(405, apiWrong.statusCode());
        assertEquals("{\"error\":\"/api/step does not take GET requests.\"}", apiWrong.body());
    }

    @Test
    void unreadableBodiesAre400WithAReason() {
        TestServer.Browser b = server.browser();
        HttpResponse<String> charset = b.send(b.request("/step")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=klingon")
                .POST(HttpRequest.BodyPublishers.ofString("action=whole")));
        assertEquals(400, charset.statusCode());
        assertTrue(charset.body().contains("character set this server does not know"), charset.body());
        HttpResponse<String> multipart = b.send(b.request("/configure").header("Content-Type", "multipart/form-data")
                .POST(HttpRequest.BodyPublishers.ofString("inputs=3")));
        assertEquals(400, multipart.statusCode());
        assertTrue(multipart.body().startsWith("The request could not be read"), multipart.body());
        assertNoStackTrace(multipart);
    }

    @Test
    void aFormFieldIsCutToItsLimitAndExplained() {
        TestServer.Browser b = server.browser();
        HttpResponse<String> r = b.htmx("/configure", "inputs", "9".repeat(10_000));
        assertEquals(400, r.statusCode());
        assertFalse(r.body().contains("9".repeat(201)), "the echoed value is at most 200 characters");
        assertTrue(r.body().contains("Inputs must be a whole number from 1 to 64"));
    }

    static void assertNoStackTrace(HttpResponse<String> r) {
        assertFalse(r.body().contains("\tat ") || r.body().contains("Exception"), r.body());
    }
}

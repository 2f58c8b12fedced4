package netstep.web;

import netstep.experiment.Experiment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.*;

/** Response headers on every answer; cross-site posts refused; what a student types comes back inert. */
class SecurityTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/health", "/static/netstep.css", "/webjars/htmx.org/2.0.10/dist/htmx.min.js",
            "/no-such-page", "/training"})
    void everyAnswerCarriesTheSecurityHeaders(String path) {
        assertSecurityHeaders(server.new Browser().get(path));
    }

    @Test
    void errorAnswersCarryThemToo() {
        TestServer.Browser b = server.new Browser();
        assertSecurityHeaders(b.send(b.request("/api/step").POST(HttpRequest.BodyPublishers.ofString("{"))));
        assertSecurityHeaders(b.send(b.request("/step").PUT(HttpRequest.BodyPublishers.noBody())));
        assertSecurityHeaders(b.htmx("/step", "action", "explode"));
    }

    static void assertSecurityHeaders(HttpResponse<String> r) {
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'"), csp);
        assertTrue(csp.contains("style-src 'self'"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(null));
        assertEquals("same-origin", r.headers().firstValue("Referrer-Policy").orElse(null));
    }

    @Test
    void thePageHasNoInlineScriptOrStyleAndTellsHtmxNotToInjectOne() {
        String page = server.new Browser().get("/").body();
        assertFalse(page.matches("(?s).*<script(?![^>]*\\ssrc=)[^>]*>.*"), "every script is a file");
        assertFalse(page.contains("<style") || page.contains(" style=\""), "no inline style");
        assertFalse(page.contains(" hx-on") || page.contains("onclick="), "no inline event handlers");
        assertTrue(page.contains("&quot;includeIndicatorStyles&quot;:false"));
    }

    @Test
    void htmxAndPlainFormPostsFromThePageGoThrough() {
        TestServer.Browser b = server.browser();
        assertEquals(200, b.htmx("/step", "action", "whole").statusCode()); // Sec-Fetch-Site: same-origin
        b.headers.put("Origin", server.base);
        assertEquals(303, b.post("/step", "action", "whole").statusCode());
        assertEquals(2, (int) b.inspect(Experiment::steps));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sec-Fetch-Site: cross-site", "Sec-Fetch-Site: same-site", "Origin: http://evil.example",
            "Origin: null", "Origin: http://127.0.0.1.evil.example"})
    void aForgedCrossSitePostIsRefusedAndChangesNothing(String header) {
        TestServer.Browser b = server.browser();
        String[] nameValue = header.split(": ");
        b.headers.put(nameValue[0], nameValue[1]);
        for (String[] post : new String[][] {{"/step", "action", "whole"}, {"/configure", "learningRate", "5"},
                {"/train", "epochs", "10"}}) {
            HttpResponse<String> r = b.post(post[0], post[1], post[2]);
            assertEquals(403, r.statusCode(), header + " on " + post[0]);
            assertTrue(r.body().contains("sent from another site"), r.body());
        }
        assertEquals(0, (int) b.inspect(Experiment::steps));
        assertEquals(0.1, b.inspect(e -> e.config().learningRate()));
        assertTrue((boolean) b.inspect(e -> e.training().isEmpty()));
    }

    @Test
    void theStatelessJsonApiIsNotSubjectToTheOriginCheck() {
        TestServer.Browser b = server.new Browser();
        b.headers.put("Origin", "http://elsewhere.example");
        HttpResponse<String> r = b.send(b.request("/api/step").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(400, r.statusCode(), "validated like any API call, not refused as forged");
        assertTrue(r.headers().firstValue("Set-Cookie").isEmpty(), "the API sets no cookie");
    }

    static final String SCRIPT = "<script>alert('x')</script>";
    static final String MARKUP = "\"><img src=x onerror=alert(1)>";

    @Test
    void scriptAndMarkupTypedIntoTheFormComeBackInert() {
        TestServer.Browser b = server.browser();
        HttpResponse<String> r = b.htmx("/configure", "inputs", SCRIPT, "hidden", MARKUP, "outputs", "2",
                "hiddenActivation", SCRIPT, "outputActivation", "identity", "slope", MARKUP, "loss", MARKUP,
                "learningRate", SCRIPT, "seed", MARKUP, "dataset", SCRIPT, "order", MARKUP);
        assertEquals(400, r.statusCode());
        assertInert(r.body());
        assertTrue(r.body().contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;"), "shown, escaped");
        assertTrue(r.body().contains("value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\""), "kept as typed");

        HttpResponse<String> count = b.htmx("/parameters", "inputs", SCRIPT, "hidden", MARKUP);
        assertInert(count.body());
    }

    @Test
    void markupInTheEpochsFieldAndInAnActionComesBackInert() {
        TestServer.Browser b = server.browser();
        HttpResponse<String> train = b.htmx("/train", "epochs", SCRIPT);
        assertEquals(400, train.statusCode());
        assertInert(train.body());
        assertTrue(train.body().contains("Epochs must be a whole number"), train.body());

        HttpResponse<String> action = b.htmx("/step", "action", SCRIPT);
        assertEquals(400, action.statusCode());
        assertTrue(action.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        HttpResponse<String> missing = b.get("/" + "%3Cscript%3Ealert(1)%3C/script%3E");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }

    static void assertInert(String html) {
        assertFalse(html.contains("<script>alert"), html);
        assertFalse(html.contains("<img src=x"), html);
        assertFalse(html.contains("onerror=alert(1)>"), html);
    }
}

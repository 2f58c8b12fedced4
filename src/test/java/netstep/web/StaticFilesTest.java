package netstep.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The style sheet, script, image and htmx, served from the class path with their types and cache validators. */
class StaticFilesTest {
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
    void theFilesComeWithTheirTypes() {
        TestServer.Browser b = server.new Browser();
        assertServed(b.get("/static/netstep.css"), "text/css", "--accent");
        assertServed(b.get("/static/netstep.js"), "javascript", "addEventListener");
        assertServed(b.get("/webjars/htmx.org/2.0.10/dist/htmx.min.js"), "javascript", "htmx");
        HttpResponse<String> image = b.get("/static/img/stepper.png");
        assertEquals(200, image.statusCode());
        assertEquals("image/png", image.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    void theFaviconIsServedAndLinkedFromThePage() {
        TestServer.Browser b = server.new Browser();
        assertServed(b.get("/static/favicon.svg"), "image/svg+xml", "<svg");
        HttpResponse<String> ico = b.send(b.request("/favicon.ico").GET());
        assertEquals(301, ico.statusCode());
        assertEquals("/static/favicon.svg", ico.headers().firstValue("Location").orElse(""));
        assertTrue(b.get("/").body().contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/static/favicon.svg\">"));
    }

    @Test
    void htmxIsCachedForLongAndTheOwnFilesAreRevalidated() {
        TestServer.Browser b = server.new Browser();
        HttpResponse<String> htmx = b.get("/webjars/htmx.org/2.0.10/dist/htmx.min.js");
        assertTrue(htmx.headers().firstValue("Cache-Control").orElse("").contains("max-age=31622400"));
        HttpResponse<String> css = b.get("/static/netstep.css");
        String etag = css.headers().firstValue("ETag").orElse("");
        assertTrue(!etag.isEmpty(), "an ETag to revalidate with");
        assertEquals(304, b.send(b.request("/static/netstep.css").header("If-None-Match", etag).GET()).statusCode());
    }

    @Test
    void nothingOutsideTheFoldersIsServed() {
        TestServer.Browser b = server.new Browser();
        for (String path : new String[] {"/static/../pom.xml", "/static/%2e%2e/templates/01-perceptron-y-equals-wx.json",
                "/static/../netstep/web/App.class", "/webjars/../netstep/web/App.class", "/static/nope.css"}) {
            assertEquals(404, b.get(path).statusCode(), path);
        }
    }

    private static void assertServed(HttpResponse<String> r, String type, String content) {
        assertEquals(200, r.statusCode(), r.uri().toString());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").contains(type), r.headers().toString());
        assertTrue(r.body().contains(content), r.uri() + " holds " + content);
    }
}

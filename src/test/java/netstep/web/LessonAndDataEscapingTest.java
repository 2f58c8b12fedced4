package netstep.web;

import netstep.json.LessonParser;
import io.javalin.Javalin;
import netstep.experiment.TrainingPool;
import netstep.store.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

/** Script and markup in a lesson file's title and explanation, and in CSV cells, come back inert. */
class LessonAndDataEscapingTest {
    static final String SCRIPT = "<script>alert(1)</script>";
    static final String MARKUP = "<img src=x onerror=alert(2)>";

    @TempDir
    Path lessons;

    @Test
    void lessonTitlesAndExplanationsAndCsvCellsAreEscaped() throws Exception {
        Files.writeString(lessons.resolve("evil.json"), "{\"title\": \"Evil " + SCRIPT.replace("\"", "\\\"")
                + "\", \"explanation\": \"" + MARKUP + "\", \"settings\": {\"learningRate\": 0.3}}");
        Javalin app = App.create(new SessionStore(), LessonParser.library(lessons), new TrainingPool(1, 1))
                .start("127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + app.port();
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(page.body().contains("Evil &lt;script&gt;alert(1)&lt;/script&gt;"), "the title is listed, escaped");
            assertInert(page.body());
            String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];

            HttpResponse<String> lesson = post(client, base + "/lesson", cookie, "lesson=evil");
            assertTrue(lesson.statusCode() < 400, "status " + lesson.statusCode());
            String opened = lesson.statusCode() == 303
                    ? client.send(HttpRequest.newBuilder(URI.create(base + "/")).header("Cookie", cookie).build(),
                    HttpResponse.BodyHandlers.ofString()).body() : lesson.body();
            assertTrue(opened.contains("&lt;img src=x onerror=alert(2)&gt;"), "the explanation is shown, escaped");
            assertInert(opened);

            for (String csv : new String[] {SCRIPT + ",y\n1,2\n2,4\n", "x,y\n1," + MARKUP + "\n", MARKUP}) {
                HttpResponse<String> data = post(client, base + "/data/csv", cookie,
                        "csv=" + java.net.URLEncoder.encode(csv, java.nio.charset.StandardCharsets.UTF_8));
                assertTrue(data.statusCode() < 500, "status " + data.statusCode());
                assertInert(data.body());
                assertInert(client.send(HttpRequest.newBuilder(URI.create(base + "/")).header("Cookie", cookie)
                        .build(), HttpResponse.BodyHandlers.ofString()).body());
            }
        } finally {
            app.stop();
        }
    }

    private static HttpResponse<String> post(HttpClient client, String url, String cookie, String form)
            throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Cookie", cookie)
                .header("HX-Request", "true").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertInert(String body) {
        assertFalse(body.contains(SCRIPT), "a live script element came back");
        assertFalse(body.contains(MARKUP), "a live img element came back");
    }
}

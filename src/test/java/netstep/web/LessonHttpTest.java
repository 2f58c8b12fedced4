package netstep.web;

import netstep.json.LessonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import netstep.lesson.LessonLibrary;
import netstep.store.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class LessonHttpTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theApiListsTheLessonsAndReturnsOneAsStored(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("broken.json"), "{\"title\": 3}");
        JavalinTest.test(App.create(new SessionStore(), LessonParser.library(folder), null), (server, client) -> {
            JsonNode list = JSON.readTree(client.get("/api/lessons").body().string());
            LessonLibrary packaged = LessonParser.library(null);
            assertEquals(packaged.lessons().size() + packaged.unavailable().size() + 1, list.size(),
                    "every packaged lesson and the broken one: " + list);
            JsonNode first = list.get(0);
            assertEquals("01-perceptron-y-equals-wx", first.get("id").asText());
            assertTrue(first.get("title").asText().startsWith("1. y = wx"));
            boolean reported = false;
            for (JsonNode n : list) {
                if (n.get("id").asText().equals("broken")) reported = n.get("unavailable").asText().contains("title");
            }
            assertTrue(reported, "the broken file is listed with its reason");

            var one = client.get("/api/lessons/04-xor");
            assertEquals(200, one.code());
            assertEquals(Files.readString(Path.of("templates", "04-xor.json")), one.body().string(), "as stored");
            var missing = client.get("/api/lessons/nope");
            assertEquals(404, missing.code());
            assertTrue(JSON.readTree(missing.body().string()).get("error").asText().contains("nope"));
        });
    }

    @Test
    void openingALessonTailorsThePageAndTheServerHoldsToIt() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            String menu = browser.get("/").body();
            assertTrue(menu.contains("<option value=\"04-xor\">4. XOR: why a linear model fails</option>"));

            assertEquals(303, browser.postForm("/lesson", Map.of("lesson", "01-perceptron-y-equals-wx")).statusCode());
            String page = browser.get("/").body();
            assertTrue(WebClient.hasId(page, "lesson-panel"));
            assertTrue(WebClient.text(page, "lesson-panel").contains("What do you think the weight w is?"));
            assertEquals("1", WebClient.text(page, "w1-1-1"), "the lesson's own starting weight");
            assertTrue(WebClient.openingTag(page, "hidden").orElseThrow().contains("disabled"), "locked fields are shown disabled");

            // the student may change η, but not the locked network: its fields keep the lesson's values
            Map<String, String> form = new HashMap<>(Map.of("inputs", "3", "hidden", "4", "outputs", "2",
                    "learningRate", "0.05", "loss", "l1", "seed", "1", "order", "sequential"));
            assertEquals(303, browser.postForm("/configure", form).statusCode());
            page = browser.get("/").body();
            assertTrue(page.contains("(1×1) = 1 weight, 1 = 1 bias, 2 parameters"), "still the 1-1 perceptron");
            assertEquals("0.05", WebClient.attribute(page, "learningRate", "value"));
            assertEquals("1", WebClient.text(page, "w1-1-1"), "reset returns to the lesson's start");

            // own data is hidden in this lesson: the server refuses it, not only the page
            HttpResponse<String> refused = browser.postForm("/data/csv", Map.of("csv", "1,2\n"));
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("not part of this lesson"));

            assertEquals(303, browser.postForm("/lesson", Map.of("lesson", "")).statusCode());
            assertFalse(WebClient.hasId(browser.get("/").body(), "lesson-panel"), "free play");
        });
    }

    @Test
    void variantsSwitchTheNetworkWithinALesson() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            browser.postForm("/lesson", Map.of("lesson", "04-xor", "variant", "0"));
            assertTrue(browser.get("/").body().contains("(2×1) = 2 weights"));
            browser.postForm("/lesson", Map.of("lesson", "04-xor", "variant", "1"));
            String page = browser.get("/").body();
            assertTrue(page.contains("(2×2) + (2×1) = 6 weights"));
            assertTrue(page.contains("aria-pressed=\"true\">A 2-2-1 network with tanh</button>"));
            assertEquals(400, browser.postForm("/lesson", Map.of("lesson", "04-xor", "variant", "7")).statusCode());
            assertEquals(400, browser.postForm("/lesson", Map.of("lesson", "no-such-lesson")).statusCode());
        });
    }

    @Test
    void aLessonAddedOrBrokenWhileTheServerRunsShowsInTheMenuAndTheApiButNoFileNameOrErrorInTheMenu(
            @TempDir Path folder) throws Exception {
        JavalinTest.test(App.create(new SessionStore(), LessonLibrary.load(folder, netstep.json.LessonParser::parse, java.time.Duration.ZERO), null),
                (server, client) -> {
            WebClient browser = new WebClient(server.port());
            assertFalse(browser.get("/").body().contains("value=\"zz-added\""));
            Files.writeString(folder.resolve("zz-added.json"), "{\"title\": \"Added while running\"}");
            String menu = WebClient.text(browser.get("/").body(), "lesson-form");
            assertTrue(menu.contains("Added while running"), menu);
            assertEquals(303, browser.postForm("/lesson", Map.of("lesson", "zz-added")).statusCode());

            Files.writeString(folder.resolve("zz-broken.json"), "{\"title\": \"x\", \"colour\": \"red\"}");
            String page = browser.get("/").body();
            String menuNow = WebClient.text(page, "lesson-form");
            assertFalse(menuNow.contains("zz-broken") || menuNow.contains("colour") || menuNow.contains("unavailable"),
                    "students see no file name or parser error: " + menuNow);
            JsonNode list = JSON.readTree(client.get("/api/lessons").body().string());
            boolean reported = false;
            for (JsonNode n : list) {
                if (n.get("id").asText().equals("zz-broken")) {
                    reported = n.get("title").asText().equals("zz-broken.json")
                            && n.get("unavailable").asText().contains("colour");
                }
            }
            assertTrue(reported, "the API names the broken file and why: " + list);
        });
    }
}

package netstep.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Export and import: the same state comes back; the CSV and the Markdown carry the trace's numbers. */
class FilesTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static Map<String, String> xorForm() {
        return Map.ofEntries(Map.entry("inputs", "2"), Map.entry("hidden", "3"), Map.entry("outputs", "1"),
                Map.entry("hiddenActivation", "tanh"), Map.entry("outputActivation", "sigmoid"),
                Map.entry("slope", "0.02"), Map.entry("loss", "l2"), Map.entry("learningRate", "0.5"),
                Map.entry("seed", "4"), Map.entry("dataset", "xor"), Map.entry("order", "shuffled"),
                Map.entry("biases", "trained"));
    }

    @Test
    void exportThenImportGivesTheSameNumbersAndTheSameNextStep() throws Exception {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient first = new WebClient(server.port());
            first.get("/");
            assertEquals(303, first.postForm("/configure", xorForm()).statusCode());
            for (int i = 0; i < 6; i++) first.postForm("/step", Map.of("action", "whole"));
            first.postForm("/edit", Map.of("parameter", "W2[1,2]", "value", "0.75"));
            String saved = first.get("/export/experiment.json").body();
            JsonNode json = JSON.readTree(saved);
            assertEquals(6, json.get("steps").asInt());
            assertEquals(7, json.get("lossHistory").size());
            assertEquals(0.75, json.at("/network/layers/1/weights/0/1").asDouble());

            WebClient second = new WebClient(server.port());
            second.get("/");
            HttpResponse<String> loaded = second.postForm("/import", Map.of("experiment", saved));
            assertEquals(303, loaded.statusCode(), loaded.body());
            assertEquals(json, JSON.readTree(second.get("/export/experiment.json").body()), "the same state");

            // and the same future: the next step (same sample from the replayed shuffle) gives the same numbers
            first.postForm("/step", Map.of("action", "whole"));
            second.postForm("/step", Map.of("action", "whole"));
            assertEquals(JSON.readTree(first.get("/export/experiment.json").body()),
                    JSON.readTree(second.get("/export/experiment.json").body()));
        });
    }

    @Test
    void aBrokenFileIsRefusedWithAMessageAndTheNetworkStays() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            browser.postForm("/step", Map.of("action", "whole"));
            String before = browser.get("/export/experiment.json").body();
            String[] broken = {"", "{", "[]", "{\"format\":\"something else\",\"version\":1}",
                    before.replace("\"steps\" : 1", "\"steps\" : 5"),
                    before.replace("\"hidden\" : \"4\"", "\"hidden\" : \"5\""),
                    before.replace("\"learningRate\" : \"0.1\"", "\"learningRate\" : \"99\""),
                    before.replace("\"format\"", "\"surprise\" : 1, \"format\"")};
            for (String file : broken) {
                HttpResponse<String> r = browser.postForm("/import", Map.of("experiment", file));
                assertEquals(400, r.statusCode(), file);
                assertTrue(WebClient.hasId(r.body(), "import-error"), "the page says why");
                assertEquals(before, browser.get("/export/experiment.json").body(), "nothing changed");
            }
        });
    }

    @Test
    void theLossHistoryAsCsv() throws Exception {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            for (int i = 0; i < 3; i++) browser.postForm("/step", Map.of("action", "whole"));
            HttpResponse<String> csv = browser.get("/export/loss.csv");
            assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
            String[] lines = csv.body().strip().split("\n");
            assertEquals("step,mean_loss", lines[0]);
            assertEquals(4, lines.length - 1);
            JsonNode history = JSON.readTree(browser.get("/export/experiment.json").body()).get("lossHistory");
            for (int s = 0; s < 4; s++) {
                assertEquals(s + "," + history.get(s).asDouble(), lines[s + 1]);
            }
        });
    }

    @Test
    void theWorkedExampleCarriesEveryNumberOfTheStep() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            assertEquals(409, browser.get("/export/step.md").statusCode(), "no step yet");
            assertEquals(303, browser.postForm("/configure", xorForm()).statusCode());
            browser.postForm("/step", Map.of("action", "whole"));
            String md = browser.get("/export/step.md").body();
            String page = browser.get("/").body();
            assertTrue(md.startsWith("# Worked example"));
            // the loss, the prediction and every updated weight as the page shows them
            assertTrue(md.contains("= **" + WebClient.text(page, "loss-value") + "**"), md);
            for (int l = 1; l <= 2; l++) {
                int rows = l == 1 ? 3 : 1;
                int cols = l == 1 ? 2 : 3;
                for (int j = 1; j <= rows; j++) {
                    for (int i = 1; i <= cols; i++) {
                        String shown = WebClient.text(page, "w" + l + "-" + j + "-" + i);
                        assertTrue(md.contains("] ← ") && md.contains(" = " + shown + "\n"), "W" + l + " " + shown);
                    }
                }
            }
        });
    }
}

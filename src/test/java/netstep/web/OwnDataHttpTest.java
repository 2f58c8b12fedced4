package netstep.web;

import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Custom data through the page: pasted CSV and the edited table, all or nothing. */
class OwnDataHttpTest {

    static Map<String, String> perceptron() {
        return Map.ofEntries(Map.entry("inputs", "1"), Map.entry("hidden", ""), Map.entry("outputs", "1"),
                Map.entry("hiddenActivation", "sigmoid"), Map.entry("outputActivation", "identity"),
                Map.entry("slope", "0.02"), Map.entry("loss", "l2"), Map.entry("learningRate", "0.02"),
                Map.entry("seed", "1"), Map.entry("dataset", "line"), Map.entry("order", "sequential"),
                Map.entry("biases", "frozen"));
    }

    @Test
    void aPastedCsvBecomesTheDataAndStaysWhenTheNetworkIsReconfigured() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            assertEquals(303, browser.postForm("/configure", perceptron()).statusCode());
            HttpResponse<String> used = browser.postForm("/data/csv", Map.of("csv", "x,y\n1,2\n2,4.1\n3,5.9\n"));
            assertEquals(303, used.statusCode(), used.body());
            String page = browser.get("/").body();
            assertTrue(page.contains("Custom data (1 input, 1 output, 3 samples)"), "the dataset panel names it");
            assertTrue(page.matches("(?s).*<tr id=\"sample-2\"><td>2</td><td>2</td><td class=\"target\">4.1</td>.*"),
                    "the second sample is (2, 4.1)");
            assertEquals("1,2\n2,4.1\n3,5.9", browser.get("/export/data.csv").body().strip().lines().skip(1)
                    .map(l -> l.replace(".0", "")).reduce((a, b) -> a + "\n" + b).orElse(""));

            Map<String, String> again = new HashMap<>(perceptron());
            again.put("dataset", "custom");
            again.put("learningRate", "0.05");
            assertEquals(303, browser.postForm("/configure", again).statusCode());
            assertTrue(browser.get("/").body().contains("Custom data (1 input, 1 output, 3 samples)"));
        });
    }

    @Test
    void anUploadedCsvFileAndAnUploadedExperimentFile() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            assertEquals(303, browser.postForm("/configure", perceptron()).statusCode());
            HttpResponse<String> uploaded = browser.postFile("/data/csv", "file", "mine.csv", "0.5,1\n1.5,3\n");
            assertEquals(303, uploaded.statusCode(), uploaded.body());
            assertTrue(browser.get("/").body().contains("Custom data (1 input, 1 output, 2 samples)"));

            String saved = browser.get("/export/experiment.json").body();
            WebClient other = new WebClient(server.port());
            other.get("/");
            assertEquals(303, other.postFile("/import", "file", "saved.json", saved).statusCode());
            assertEquals(saved, other.get("/export/experiment.json").body());
        });
    }

    @Test
    void badCsvIsRefusedNamingTheRowAndColumnAndNothingChanges() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            assertEquals(303, browser.postForm("/configure", perceptron()).statusCode());
            browser.postForm("/step", Map.of("action", "whole"));
            String before = browser.get("/export/experiment.json").body();
            String[][] cases = {
                    {"1,2\n2,abc\n", "row 2, column 2"},
                    {"1,2\n2\n", "row 2"},
                    {"1,2,3\n4,5,6\n", "fit"},
                    {"1,NaN\n", "NaN"},
                    {"", "no data"}};
            for (String[] c : cases) {
                HttpResponse<String> r = browser.postForm("/data/csv", Map.of("csv", c[0]));
                assertEquals(400, r.statusCode(), c[0]);
                String error = WebClient.text(r.body(), "data-error");
                assertTrue(error.toLowerCase().contains(c[1].toLowerCase()), error);
                assertEquals(before, browser.get("/export/experiment.json").body(), "nothing half-applied");
            }
        });
    }

    @Test
    void theTableAddsAndRemovesRowsThenUsesThem() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            assertEquals(303, browser.postForm("/configure", perceptron()).statusCode());
            Map<String, String> table = new HashMap<>(Map.of("rows", "2", "columns", "2",
                    "cell-0-0", "1", "cell-0-1", "3", "cell-1-0", "2", "cell-1-1", "6"));
            table.put("action", "add");
            HttpResponse<String> added = browser.postForm("/data/table", table);
            assertEquals(200, added.statusCode());
            assertTrue(WebClient.hasId(added.body(), "table-form"));
            assertTrue(added.body().contains("name=\"cell-2-0\""), "a third, empty row");

            table.put("action", "apply");
            table.put("rows", "3");
            table.put("cell-2-0", "x");
            HttpResponse<String> refused = browser.postForm("/data/table", table);
            assertEquals(400, refused.statusCode());
            assertTrue(WebClient.text(refused.body(), "data-error").contains("row 3, column 1"));

            table.put("action", "remove-2");
            HttpResponse<String> removed = browser.postForm("/data/table", table);
            assertFalse(removed.body().contains("name=\"cell-2-0\""));

            table.put("action", "apply");
            table.put("rows", "2");
            assertEquals(303, browser.postForm("/data/table", table).statusCode());
            assertTrue(browser.get("/").body().contains("2 samples"));
        });
    }
}

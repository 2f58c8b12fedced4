package netstep.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import netstep.experiment.Config;
import netstep.experiment.ConfigForm;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static netstep.web.StoredExperimentsHttpTest.export;
import static netstep.web.StoredExperimentsHttpTest.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Killed with SIGKILL and started again, the server brings every experiment back at its last completed step. */
class RestartTest {

    @Test
    void onTheEmbeddedDatabase(@TempDir Path dataDir) throws Exception {
        survivesSigkill(Map.of("NETSTEP_DATA_DIR", dataDir.toString()));
    }

    @Test
    void onPostgresql() throws Exception {
        survivesSigkill(Map.of("DATABASE_URL", PostgresForTests.urlOrSkip()));
    }

    /** The default settings with some changed. */
    static Map<String, String> settings(String... changes) {
        ConfigForm defaults = ConfigForm.of(Config.defaults());
        Map<String, String> form = new HashMap<>();
        for (String field : ConfigForm.fields()) form.put(field, defaults.value(field));
        for (int i = 0; i < changes.length; i += 2) form.put(changes[i], changes[i + 1]);
        return form;
    }

    private static void survivesSigkill(Map<String, String> environment) throws Exception {
        JsonNode before;
        WebClient browser;
        try (ServerProcess first = ServerProcess.start(environment)) {
            browser = new WebClient(first.port());
            assertEquals(303, browser.postForm("/configure", settings("seed", "7", "learningRate", "0.3")).statusCode());
            steps(browser, 6);
            assertEquals(303, browser.postForm("/step", Map.of("action", "forward")).statusCode(),
                    "a step half-way through is not stored, and need not be");
            before = export(browser);
            assertEquals(6, before.get("steps").asInt());
            first.kill();
        }
        try (ServerProcess second = ServerProcess.start(environment)) {
            WebClient sameBrowser = browser.at(second.port());
            assertEquals(before, export(sameBrowser), "back at step 6 with identical numbers");
            assertEquals("7", export(sameBrowser).path("settings").path("seed").asText(), "the settings came back too");
            steps(sameBrowser, 1);
            assertEquals(7, export(sameBrowser).get("steps").asInt(), "and work goes on from there");
        }
    }
}

package netstep.web;

import com.fasterxml.jackson.databind.JsonNode;
import netstep.json.ApiJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.testtools.JavalinTest;
import netstep.experiment.ConfigForm;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static netstep.web.WebClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A locally connected first layer on the page: the form, the count, weight edits and the experiment's file. */
class LocallyConnectedHttpTest {

    private static Map<String, String> form(String window, String stride) {
        Map<String, String> form = MulticlassHttpTest.digitsForm();
        form.put(ConfigForm.HIDDEN, "36");
        form.put(ConfigForm.WINDOW, window);
        form.put(ConfigForm.STRIDE, stride);
        return form;
    }

    @Test
    void theFormBuildsItAndThePageCountsItTheLecturesWay() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            assertTrue(browser.get("/").body().contains("name=\"window\""), "the form has the field");
            HttpResponse<String> built = browser.postForm("/configure", form("3", "1"));
            assertEquals(303, built.statusCode(), built.body());
            String html = browser.get("/").body();
            assertEquals("(324 of 64×36) + (36×10) = 684 weights, 36 + 10 = 46 biases, 730 parameters",
                    text(html, "param-formula"));
            assertTrue(html.contains("locally connected 36 neurons × 3×3 = 324 weights; fully connected it would be "
                    + "64 × 36 = 2,304"), "the lecture's count beside the fully connected one");
            // the live count as the form is typed
            HttpResponse<String> live = browser.postForm("/parameters", form("4", "2"), true);
            assertTrue(live.body().contains("locally connected 9 neurons × 4×4 = 144 weights"), live.body());

            assertEquals(303, browser.postForm("/step", Map.of("action", "whole")).statusCode());
            // W₁[1,4] lies outside neuron 1's 3×3 window (pixels 1–3, 9–11, 17–19): it does not exist
            HttpResponse<String> edit = browser.postForm("/edit", Map.of("parameter", "W1[1,4]", "value", "0.5"));
            assertEquals(400, edit.statusCode());
            assertTrue(edit.body().contains("outside neuron 1") && edit.body().contains("window"), edit.body());
            assertEquals(303, browser.postForm("/edit", Map.of("parameter", "W1[1,2]", "value", "0.5")).statusCode());
        });
    }

    @Test
    void everyRefusalIsA400WithItsMessage() {
        String[][] cases = {{"9", "1", "does not fit the 8×8 image"}, {"x", "1", "whole number"},
                {"3", "0", "1 or more"}, {"3", "12", "from 1 to 8"}};
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            for (String[] c : cases) {
                HttpResponse<String> r = browser.postForm("/configure", form(c[0], c[1]));
                assertEquals(400, r.statusCode(), String.join(" ", c));
                assertTrue(r.body().contains(c[2]), String.join(" ", c) + ": " + r.body());
            }
            Map<String, String> iris = form("2", "1");
            iris.put(ConfigForm.DATASET, "iris");
            iris.put(ConfigForm.INPUTS, "4");
            iris.put(ConfigForm.OUTPUTS, "3");
            HttpResponse<String> r = browser.postForm("/configure", iris);
            assertEquals(400, r.statusCode());
            assertTrue(r.body().contains("needs image inputs"), r.body());
        });
    }

    @Test
    void theExperimentsFileKeepsItAndOldFilesStillLoad() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            assertEquals(303, browser.postForm("/configure", form("3", "1")).statusCode());
            assertEquals(303, browser.postForm("/step", Map.of("action", "whole")).statusCode());
            String file = browser.get("/export/experiment.json").body();
            JsonNode saved = ApiJson.parseObject(file);
            assertEquals("3", saved.at("/settings/window").asText());
            assertEquals(0, saved.at("/network/layers/0/mask/0/3").asInt(), "the mask goes with the network");
            assertEquals(1, saved.at("/network/layers/0/mask/0/2").asInt());

            WebClient other = new WebClient(server.port());
            other.get("/");
            assertEquals(303, other.postFile("/import", "file", "saved.json", file).statusCode());
            assertEquals(file, other.get("/export/experiment.json").body(), "loaded unchanged");

            // the settings say locally connected, the network is not: refused, the student's network intact
            ObjectNode edited = (ObjectNode) ApiJson.parseObject(file);
            for (JsonNode layer : edited.withArray("/network/layers")) ((ObjectNode) layer).remove("mask");
            HttpResponse<String> refused = other.postFile("/import", "file", "edited.json", edited.toString());
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("mask"), refused.body());
            assertEquals(file, other.get("/export/experiment.json").body());

            // a file from before the fields existed: fully connected
            Map<String, String> full = form("", "");
            assertEquals(303, browser.postForm("/configure", full).statusCode());
            ObjectNode old = (ObjectNode) ApiJson.parseObject(browser.get("/export/experiment.json").body());
            ((ObjectNode) old.get("settings")).remove(ConfigForm.WINDOW);
            ((ObjectNode) old.get("settings")).remove(ConfigForm.STRIDE);
            assertEquals(303, other.postFile("/import", "file", "old.json", old.toString()).statusCode());
            JsonNode loaded = ApiJson.parseObject(other.get("/export/experiment.json").body());
            assertFalse(loaded.at("/network/layers/0").has("mask"));
            assertEquals("", loaded.at("/settings/window").asText());
        });
    }
}

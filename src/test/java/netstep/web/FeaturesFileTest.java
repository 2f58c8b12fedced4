package netstep.web;

import netstep.json.LessonParser;
import netstep.json.ExperimentJson;
import netstep.json.ApiJson;
import netstep.experiment.Config;
import netstep.experiment.ConfigForm;
import netstep.experiment.DataSource;
import netstep.experiment.Experiment;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Input features through the configuration form, and through an experiment's file. */
class FeaturesFileTest {
    @Test
    void anExperimentOnFeaturesGoesThroughItsFileUnchanged() {
        Config config = LessonParser.library(null).lesson("12-features-vs-hidden-layers").orElseThrow()
                .variants().get(1).config();
        Experiment e = new Experiment(config);
        e.epoch();
        String file = ExperimentJson.write(e).toString();
        assertTrue(ApiJson.parseObject(file).at("/settings/" + ConfigForm.FEATURES).asText().equals("x1sq,x2sq"));
        assertEquals(2, ApiJson.parseObject(file).at("/dataset/samples/0/x").size());

        Experiment loaded = new Experiment(Config.defaults());
        ExperimentJson.read(file, loaded);
        assertTrue(loaded.config().data() instanceof DataSource.Featured);
        assertEquals(e.network(), loaded.network());
        assertEquals(e.config().sizes(), loaded.config().sizes());
        assertEquals(ExperimentJson.write(e).toString(), ExperimentJson.write(loaded).toString());
    }

    @Test
    void theFormTakesFeaturesAndTheInputLayerFollows() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            assertTrue(browser.get("/").body().contains("name=\"features\""), "the form has the field");
            Map<String, String> form = new LinkedHashMap<>();
            form.put("inputs", "2");
            form.put("hidden", "");
            form.put("outputs", "1");
            form.put("hiddenActivation", "tanh");
            form.put("outputActivation", "sigmoid");
            form.put("slope", "0.02");
            form.put("loss", "l2");
            form.put("learningRate", "1");
            form.put("seed", "1");
            form.put("dataset", "circle");
            form.put("order", "shuffled");
            form.put("features", "x1sq,x2sq,x1x2");
            HttpResponse<String> built = browser.postForm("/configure", form);
            assertEquals(303, built.statusCode(), built.body());
            String page = browser.get("/").body();
            assertTrue(page.contains("value=\"x1sq,x2sq,x1x2\""), "the form shows the features");
            assertTrue(page.contains("3-1, "), "the network is 3-1: the inputs follow the features");

            form.put("dataset", "regression-3-2");
            form.put("inputs", "3");
            form.put("outputs", "2");
            HttpResponse<String> refused = browser.postForm("/configure", form);
            assertEquals(400, refused.statusCode());
            assertTrue(refused.body().contains("2-D"), "the form says why");
        });
    }
}

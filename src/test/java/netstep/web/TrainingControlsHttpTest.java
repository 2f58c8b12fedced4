package netstep.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import netstep.engine.Regularization;
import netstep.experiment.Config;
import netstep.experiment.ConfigForm;
import netstep.experiment.Experiment;
import netstep.lesson.Lesson;
import netstep.lesson.LessonLibrary;
import netstep.json.ApiJson;
import netstep.json.ExperimentJson;
import netstep.json.LessonParser;
import netstep.experiment.InvalidInput;
import netstep.store.Database;
import netstep.store.JdbcExperimentRepository;
import netstep.store.SessionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batch size and regularization through the page's form, the experiment file, share links and lessons. */
class TrainingControlsHttpTest {
    private static final LessonLibrary LESSONS = LessonParser.library(null);

    @TempDir
    Path dataDir;
    private final List<Javalin> servers = new ArrayList<>();
    private Database database;

    @AfterEach
    void stopAll() {
        servers.forEach(Javalin::stop);
        if (database != null) database.close();
    }

    private WebClient start() {
        Javalin app = App.create().start(0);
        servers.add(app);
        return new WebClient(app.port());
    }

    /** A server keeping its experiments in the test's embedded database (opened by the first call). */
    private Javalin startOnTheDatabase() {
        if (database == null) database = Database.embedded(dataDir);
        Javalin app = App.create(new SessionStore(), LESSONS, new JdbcExperimentRepository(database.dataSource()))
                .start(0);
        servers.add(app);
        return app;
    }

    static Map<String, String> form(String... extra) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("inputs", "2");
        f.put("hidden", "3");
        f.put("outputs", "1");
        f.put("hiddenActivation", "tanh");
        f.put("outputActivation", "sigmoid");
        f.put("slope", "0.01");
        f.put("loss", "l2");
        f.put("learningRate", "0.5");
        f.put("seed", "3");
        f.put("dataset", "circle");
        f.put("size", "12");
        f.put("testFraction", "0");
        f.put("order", "shuffled");
        for (int i = 0; i < extra.length; i += 2) f.put(extra[i], extra[i + 1]);
        return f;
    }

    @Test
    void theFormRefusesWrongValuesWithA400AndSaysWhy() {
        WebClient browser = start();
        String page = browser.get("/").body();
        for (String id : List.of(ConfigForm.BATCH_SIZE, ConfigForm.REGULARIZATION, ConfigForm.LAMBDA)) {
            assertTrue(WebClient.hasId(page, id), "the form has " + id);
        }
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("batchSize=0", "batch size b must be a whole number from 1");
        cases.put("batchSize=13", "N = 12");
        cases.put("batchSize=1e3", "not &quot;1e3&quot;");
        cases.put("regularization=l5", "none, L2 or L1");
        cases.put("lambda=11", "λ must be from 0 up to 10");
        cases.put("lambda=NaN", "λ must be from 0 up to 10");
        cases.put("lambda=", "λ is empty");
        for (var c : cases.entrySet()) {
            String[] kv = c.getKey().split("=", -1);
            Map<String, String> fields = form(ConfigForm.REGULARIZATION, "l2", ConfigForm.LAMBDA, "0.1");
            fields.put(kv[0], kv[1]);
            HttpResponse<String> r = browser.postForm("/configure", fields);
            assertEquals(400, r.statusCode(), c.getKey());
            assertTrue(r.body().contains(c.getValue()), c.getKey() + ": " + WebClient.text(r.body(), kv[0] + "-error"));
        }
        HttpResponse<String> ok = browser.postForm("/configure", form(ConfigForm.BATCH_SIZE, "4",
                ConfigForm.REGULARIZATION, "l2", ConfigForm.LAMBDA, "0.1"));
        assertEquals(303, ok.statusCode(), ok.body());
        JsonNode settings = export(browser).get("settings");
        assertEquals("4", settings.get(ConfigForm.BATCH_SIZE).asText());
        assertEquals("l2", settings.get(ConfigForm.REGULARIZATION).asText());
        assertEquals("0.1", settings.get(ConfigForm.LAMBDA).asText());
    }

    @Test
    void theSampleSelectorWorksWithoutJavaScriptAndRefusesWhatIsNotThere() {
        WebClient browser = start();
        assertEquals(400, browser.get("/batch/sample?sample=1").statusCode(), "no batch yet");
        assertEquals(303, browser.postForm("/configure", form(ConfigForm.BATCH_SIZE, "4")).statusCode());
        assertEquals(303, browser.postForm("/step", Map.of("action", "backward")).statusCode());
        HttpResponse<String> chosen = browser.get("/batch/sample?sample=3");
        assertEquals(303, chosen.statusCode());
        String page = browser.get("/").body();
        assertTrue(WebClient.openingTag(page, "batch-losses").isPresent()
                || page.contains("batch-selector"), "the page shows the batch");
        for (String bad : List.of("5", "0", "abc", "-1", "99999999999")) {
            HttpResponse<String> r = browser.get("/batch/sample?sample=" + bad);
            assertEquals(400, r.statusCode(), bad);
            assertFalse(r.body().contains("Exception"), r.body());
        }
        assertTrue(browser.get("/batch/sample?sample=5").body().contains("samples 1 to 4"));
    }

    @Test
    void theSelectorIsAFormWhoseChoiceOutlivesTheStepAReloadAndARestart() {
        Javalin first = startOnTheDatabase();
        WebClient browser = new WebClient(first.port());
        assertEquals(303, browser.postForm("/configure", form(ConfigForm.BATCH_SIZE, "4")).statusCode());
        assertEquals(303, browser.postForm("/step", Map.of("action", "backward")).statusCode());
        String page = browser.get("/").body();
        assertTrue(page.contains("action=\"/batch/sample\""), "a real form, posted without JavaScript");
        assertTrue(page.contains("name=\"sample\" value=\"3\""), "a button per sample");

        HttpResponse<String> chosen = browser.postForm("/batch/sample", Map.of("sample", "3"));
        assertEquals(303, chosen.statusCode(), chosen.body());
        assertEquals("/#batch", chosen.headers().firstValue("Location").orElseThrow());
        assertTrue(browser.get("/").body().contains("Sample s = 3 ("), "the reloaded page shows sample 3");
        String htmx = browser.postForm("/batch/sample", Map.of("sample", "2"), true).body();
        assertTrue(htmx.contains("Sample s = 2 ("), "with htmx the step's fragments come back");
        assertEquals(303, browser.postForm("/batch/sample", Map.of("sample", "3")).statusCode());
        assertEquals(3, export(browser).get("batchSample").asInt(), "the choice is in the experiment's file");

        assertEquals(303, browser.postForm("/step", Map.of("action", "whole")).statusCode());
        assertEquals(303, browser.postForm("/step", Map.of("action", "pick")).statusCode());
        assertTrue(browser.get("/").body().contains("Sample s = 3 ("), "the next batch shows sample 3 too");

        first.stop();
        Javalin second = startOnTheDatabase();
        WebClient back = browser.at(second.port());
        assertEquals(200, back.get("/").statusCode());
        assertEquals(303, back.postForm("/step", Map.of("action", "backward")).statusCode());
        String afterRestart = back.get("/").body();
        assertTrue(afterRestart.contains("Sample s = 3 ("), "after a restart the choice holds");
        assertTrue(afterRestart.contains("value=\"3\" class=\"batch-choice current\"")
                || afterRestart.contains("class=\"batch-choice current\""), "the selector marks it");
        assertEquals(400, back.postForm("/batch/sample", Map.of("sample", "9")).statusCode());
        assertEquals(400, back.postForm("/batch/sample", Map.of()).statusCode());
    }

    @Test
    void aBatchExperimentGoesThroughItsFileUnchangedAndTakesTheSameNextStep() {
        Config c = netstep.experiment.ConfigForm.parse(form(ConfigForm.BATCH_SIZE, "5",
                ConfigForm.REGULARIZATION, "l1", ConfigForm.LAMBDA, "0.02")).config().orElseThrow();
        Experiment e = new Experiment(c);
        for (int s = 0; s < 4; s++) e.wholeStep(); // an epoch of ⌈12/5⌉ = 3 steps and one more
        String file = ExperimentJson.write(e).toString();
        Experiment loaded = new Experiment(Config.defaults());
        ExperimentJson.read(file, loaded);
        assertEquals(c, loaded.config());
        assertEquals(file, ExperimentJson.write(loaded).toString());
        e.wholeStep();
        loaded.wholeStep();
        assertEquals(e.batchIndices(), loaded.batchIndices());
        assertEquals(e.network(), loaded.network());
    }

    @Test
    void aFileFromBeforeBatchesLoadsAsTheLecturesSgd() {
        Experiment e = new Experiment(Config.defaults());
        e.wholeStep();
        ObjectNode file = ExperimentJson.write(e);
        ObjectNode settings = (ObjectNode) file.get("settings");
        settings.remove(List.of(ConfigForm.BATCH_SIZE, ConfigForm.REGULARIZATION, ConfigForm.LAMBDA));
        Experiment loaded = new Experiment(BatchConfigs.batched());
        ExperimentJson.read(file.toString(), loaded);
        assertEquals(1, loaded.config().batchSize());
        assertEquals(Regularization.NONE, loaded.config().regularization());
        assertEquals(e.network(), loaded.network());

        settings.put(ConfigForm.BATCH_SIZE, "9999");
        InvalidInput refused = assertThrows(InvalidInput.class, () -> ExperimentJson.read(file.toString(),
                new Experiment(Config.defaults())));
        assertTrue(refused.getMessage().contains("batch size"), refused.getMessage());
    }

    @Test
    void aShareLinkKeepsTheBatchAndTheRegularization() {
        Javalin app = startOnTheDatabase();
        WebClient owner = new WebClient(app.port());
        assertEquals(303, owner.postForm("/configure", form(ConfigForm.BATCH_SIZE, "4",
                ConfigForm.REGULARIZATION, "l2", ConfigForm.LAMBDA, "0.5")).statusCode());
        for (int s = 0; s < 2; s++) assertEquals(303, owner.postForm("/step", Map.of("action", "whole")).statusCode());
        String link = owner.postForm("/share", Map.of()).headers().firstValue("Location").orElseThrow();
        WebClient visitor = new WebClient(app.port());
        assertEquals(200, visitor.get(link).statusCode());
        assertEquals(303, visitor.postForm(link + "/fork", Map.of()).statusCode());
        JsonNode fork = export(visitor);
        assertEquals(export(owner), fork);
        assertEquals("4", fork.at("/settings/batchSize").asText());
        assertEquals("0.5", fork.at("/settings/lambda").asText());
        assertEquals(2, fork.get("steps").asInt());
    }

    @Test
    void aLessonMaySetTheBatchAndTheRegularization() {
        Lesson lesson = LessonParser.parse("batch", """
                {"title": "Batches", "explanation": "b = 4",
                 "settings": {"inputs": 2, "hidden": [3], "outputs": 1, "dataset": "xor",
                              "batchSize": 4, "regularization": "l2", "lambda": 0.01},
                 "lock": ["batchSize"]}""");
        Config c = lesson.variants().get(0).config();
        assertEquals(4, c.batchSize());
        assertEquals(Regularization.l2(0.01), c.regularization());
        var refused = assertThrows(RuntimeException.class, () -> LessonParser.parse("batch", """
                {"title": "Batches", "explanation": "b = 5",
                 "settings": {"inputs": 2, "hidden": [3], "outputs": 1, "dataset": "xor", "batchSize": 5}}"""));
        assertTrue(refused.getMessage().contains("N = 4"), refused.getMessage());
    }

    @Test
    void batchSizeOneGivesTodaysPageNumbersPhaseByPhase() {
        // the fields typed out as 1 and none, against a form without them (as before issue 14)
        Map<String, String> before = form();
        Map<String, String> typed = form(ConfigForm.BATCH_SIZE, "1", ConfigForm.REGULARIZATION, "none",
                ConfigForm.LAMBDA, "");
        Experiment old = new Experiment(ConfigForm.parse(before).config().orElseThrow());
        Experiment now = new Experiment(ConfigForm.parse(typed).config().orElseThrow());
        for (int click = 0; click < 12; click++) {
            old.advance();
            now.advance();
            String oldPage = netstep.view.StepperPage.render(old, ConfigForm.of(old.config()));
            String newPage = netstep.view.StepperPage.render(now, ConfigForm.of(now.config()));
            assertEquals(oldPage, newPage, "click " + click);
            assertFalse(newPage.contains("batch-samples") || newPage.contains("batch-update"),
                    "no batch views for b = 1");
            assertTrue(newPage.contains("phase-" + now.phase().id));
        }
        // and the trace itself is the one-sample step's
        assertTrue(now.batch().isEmpty());
    }

    @Test
    void aPastBatchStepAndTheWorkedExampleShowTheBatch() {
        WebClient browser = start();
        assertEquals(303, browser.postForm("/configure", form(ConfigForm.BATCH_SIZE, "4",
                ConfigForm.REGULARIZATION, "l1", ConfigForm.LAMBDA, "0.2")).statusCode());
        assertEquals(303, browser.postForm("/step", Map.of("action", "whole")).statusCode());
        assertEquals(303, browser.postForm("/step", Map.of("action", "forward")).statusCode());
        String md = browser.get("/export/step.md").body();
        assertTrue(md.contains("## The batch: b = 4 samples"), md);
        assertTrue(md.contains("Update W ← W − η(∂L/∂W + λ ∂R/∂W)"), md);
        String past = browser.get("/?step=1").body();
        assertTrue(WebClient.hasId(past, "batch-update"), "step 1 from the history shows the batch's update");
        assertTrue(WebClient.hasId(past, "batch-lambda-r"));
        assertFalse(past.contains("batch-selector"), "no choosing within a past step");
        assertTrue(java.util.regex.Pattern.compile("Step 1, a batch of 4: #\\d+, #\\d+, #\\d+, #\\d+ \\(showing sample #")
                .matcher(past).find(), "the past step names its four samples");
        String now = browser.get("/").body();
        assertTrue(now.contains("batch-selector") || now.contains("Step 2, a batch of 4"), "the current step is a batch");
    }

    static JsonNode export(WebClient browser) {
        HttpResponse<String> r = browser.get("/export/experiment.json");
        assertEquals(200, r.statusCode(), r.body());
        return ApiJson.parseObject(r.body());
    }

    /** A batched configuration to load over, so that defaults must come from the file. */
    static final class BatchConfigs {
        static Config batched() {
            return ConfigForm.parse(form(ConfigForm.BATCH_SIZE, "4")).config().orElseThrow();
        }
    }
}

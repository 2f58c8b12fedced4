package netstep.web;

import io.javalin.Javalin;
import netstep.experiment.Experiment;
import netstep.json.LessonParser;
import netstep.store.SessionStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every request that changes what is stored of an experiment raises its revision and writes it once; a request
 * that only reads (or only reveals a phase of the step already computed) leaves the revision and the stored row
 * as they were.
 */
class RevisionHttpTest {
    private final MemoryRepository database = new MemoryRepository();
    private final SessionStore store = new SessionStore();
    private final CookieManager cookies = new CookieManager();
    private Javalin app;
    private WebClient browser;

    @BeforeEach
    void start() {
        app = App.create(store, LessonParser.library(null), database).start(0);
        browser = new WebClient(app.port(), cookies);
        assertEquals(200, browser.get("/").statusCode());
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private long revision() {
        HttpCookie cookie = cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(Sessions.COOKIE)).findFirst().orElseThrow();
        return store.open(cookie.getValue()).run(Experiment::revision);
    }

    /** Runs a request that must change the experiment: a higher revision, and one more stored version. */
    private void changes(String what, Supplier<HttpResponse<String>> request) {
        long revision = revision();
        long version = database.version();
        HttpResponse<String> answer = request.get();
        assertTrue(answer.statusCode() < 400, what + ": " + answer.statusCode() + " " + answer.body());
        assertTrue(revision() > revision, what + " raises the revision");
        assertEquals(version + 1, database.version(), what + " is stored once");
    }

    /** Runs a request that must leave the experiment as it was: the same revision, nothing locked or written. */
    private void readsOnly(String what, Supplier<HttpResponse<String>> request) {
        long revision = revision();
        long version = database.version();
        int locks = database.locks;
        HttpResponse<String> answer = request.get();
        assertTrue(answer.statusCode() < 400, what + ": " + answer.statusCode() + " " + answer.body());
        assertEquals(revision, revision(), what + " leaves the revision");
        assertEquals(version, database.version(), what + " writes nothing");
        assertEquals(locks, database.locks, what + " locks nothing");
    }

    @Test
    void everyRequestThatChangesTheExperimentRaisesTheRevisionAndEveryReadLeavesIt() throws Exception {
        changes("configure", () -> browser.postForm("/configure", FilesTest.xorForm()));
        changes("a whole step", () -> browser.postForm("/step", Map.of("action", "whole")));
        changes("the update phase", () -> browser.postForm("/step", Map.of("action", "update")));
        readsOnly("picking a sample", () -> browser.postForm("/step", Map.of("action", "pick")));
        readsOnly("the forward phase", () -> browser.postForm("/step", Map.of("action", "forward")));
        readsOnly("next phase", () -> browser.postForm("/step", Map.of("action", "next")));
        changes("finishing the step", () -> browser.postForm("/step", Map.of("action", "update")));
        changes("an epoch", () -> browser.postForm("/step", Map.of("action", "epoch")));

        readsOnly("the page", () -> browser.get("/"));
        readsOnly("the history", () -> browser.get("/history"));
        readsOnly("a past step", () -> browser.get("/history/1"));
        readsOnly("the parameter count", () -> browser.postForm("/parameters", FilesTest.xorForm()));
        readsOnly("the loss chart's scale", () -> browser.postForm("/view/loss-scale", Map.of("scale", "log")));
        readsOnly("the saved file", () -> browser.get("/export/experiment.json"));
        readsOnly("the loss history", () -> browser.get("/export/loss.csv"));
        readsOnly("the worked example", () -> browser.get("/export/step.md"));
        readsOnly("the data", () -> browser.get("/export/data.csv"));
        Map<String, String> batched = new HashMap<>(FilesTest.xorForm());
        batched.put("batchSize", "2");
        changes("configure batches of 2", () -> browser.postForm("/configure", batched));
        readsOnly("a batch's backpropagation", () -> browser.postForm("/step", Map.of("action", "backward")));
        changes("choosing a sample of the batch", () -> browser.postForm("/batch/sample", Map.of("sample", "2")));
        changes("the batch's update", () -> browser.postForm("/step", Map.of("action", "update")));
        readsOnly("a refused configuration", () -> {
            Map<String, String> bad = new HashMap<>(FilesTest.xorForm());
            bad.put("learningRate", "-1");
            HttpResponse<String> refused = browser.postForm("/configure", bad);
            assertEquals(400, refused.statusCode());
            return browser.get("/");
        });

        changes("a weight typed in", () -> browser.postForm("/edit", Map.of("parameter", "W1[1,1]", "value", "0.25")));
        changes("reset", () -> browser.postForm("/step", Map.of("action", "reset")));
        String saved = browser.get("/export/experiment.json").body();
        changes("a lesson", () -> browser.postForm("/lesson", Map.of("lesson", "01-perceptron-y-equals-wx")));
        changes("free play", () -> browser.postForm("/lesson", Map.of("lesson", "")));
        changes("pasted data", () -> browser.postForm("/data/csv", Map.of("csv", "x,y\n1,2\n2,4.1\n3,5.9\n")));
        changes("the data table", () -> browser.postForm("/data/table", Map.of("rows", "2", "columns", "2",
                "cell-0-0", "1", "cell-0-1", "3", "cell-1-0", "2", "cell-1-1", "6", "action", "apply")));
        changes("a saved file loaded", () -> browser.postForm("/import", Map.of("experiment", saved)));
        readsOnly("sharing", () -> browser.postForm("/share", Map.of()));
        String link = database.shares.keySet().iterator().next();
        changes("making a shared copy mine", () -> browser.postForm("/shared/" + link + "/fork", Map.of()));
        changes("start over", () -> browser.postForm("/start-over", Map.of()));

        long before = database.version();
        assertTrue(browser.postForm("/train", Map.of("epochs", "2")).statusCode() < 400);
        for (int i = 0; i < 200 && database.version() == before; i++) Thread.sleep(25);
        assertEquals(before + 1, database.version(), "the trained network is stored once it is taken in");
        readsOnly("the training's progress", () -> browser.get("/training"));
    }
}

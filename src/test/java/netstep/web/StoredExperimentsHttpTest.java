package netstep.web;

import netstep.json.LessonParser;
import netstep.json.StoredExperimentCodec;
import netstep.json.ApiJson;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import netstep.lesson.LessonLibrary;
import netstep.store.Database;
import netstep.store.ExperimentRepository;
import netstep.store.JdbcExperimentRepository;
import netstep.store.SessionStore;
import netstep.store.StorageException;
import netstep.store.StoredExperiments;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Experiments in the embedded database: seen by a second server, a failed write undone, Share and Make it mine. */
class StoredExperimentsHttpTest {
    private static final LessonLibrary LESSONS = LessonParser.library(null);

    @TempDir
    Path dataDir;
    private Database database;
    private final List<Javalin> servers = new ArrayList<>();

    @BeforeEach
    void openDatabase() {
        database = Database.embedded(dataDir);
    }

    @AfterEach
    void stopAll() {
        servers.forEach(Javalin::stop);
        database.close();
    }

    private int start(ExperimentRepository repository) {
        Javalin app = App.create(new SessionStore(), LESSONS, repository).start(0);
        servers.add(app);
        return app.port();
    }

    private int start() {
        return start(new JdbcExperimentRepository(database.dataSource()));
    }

    @Test
    void aSecondServerOnTheSameDatabaseSeesEveryStepAndTheLesson() {
        WebClient viaFirst = new WebClient(start());
        WebClient viaSecond = viaFirst.at(start());
        assertEquals(303, viaFirst.postForm("/lesson", Map.of("lesson", "01-perceptron-y-equals-wx")).statusCode());
        steps(viaFirst, 3);
        assertEquals(export(viaFirst), export(viaSecond));
        String page = viaSecond.get("/").body();
        assertTrue(WebClient.text(page, "lesson-panel").contains("What do you think the weight w is?"),
                "the lesson comes back with the experiment");

        steps(viaSecond, 2);
        assertEquals(5, export(viaFirst).get("steps").asInt(), "the first server loads the newer state");
        assertEquals(export(viaSecond), export(viaFirst));
    }

    @Test
    void aWriteThatFailsIsReportedAndUndoneAndWorkGoesOnWhenTheDatabaseIsBack() {
        Flaky flaky = new Flaky(new JdbcExperimentRepository(database.dataSource()));
        WebClient browser = new WebClient(start(flaky));
        steps(browser, 2);
        JsonNode stored = export(browser);

        flaky.savesFail = true;
        HttpResponse<String> refused = browser.postForm("/step", Map.of("action", "whole"), true);
        assertEquals(503, refused.statusCode());
        assertEquals("none", refused.headers().firstValue("HX-Reswap").orElse(""));
        assertTrue(refused.body().contains("could not be saved"), refused.body());
        assertEquals(stored, export(browser), "memory is not advanced past what is stored");

        flaky.savesFail = false;
        flaky.down = true;
        assertEquals(503, browser.postForm("/step", Map.of("action", "epoch")).statusCode());
        assertEquals(200, browser.get("/").statusCode(), "a page that changes nothing is still shown");
        HttpResponse<String> api = browser.postJson("/api/train", "{\"steps\": 1}");
        assertNotEquals(500, api.statusCode());
        assertEquals(stored, export(browser));

        flaky.down = false;
        steps(browser, 1);
        assertEquals(3, export(browser).get("steps").asInt());
        WebClient afterRestart = browser.at(start());
        assertEquals(export(browser), export(afterRestart), "what the student saw is what was stored");
    }

    @Test
    void aSharedCopyIsReadOnlyAndAForkChangesOnlyItself() {
        WebClient owner = new WebClient(start());
        steps(owner, 3);
        HttpResponse<String> shared = owner.postForm("/share", Map.of());
        assertEquals(303, shared.statusCode());
        String link = shared.headers().firstValue("Location").orElseThrow();
        String token = link.substring("/shared/".length());
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "256 random bits: " + token);
        JsonNode original = export(owner);

        WebClient visitor = new WebClient(start()); // another browser, through another server
        String page = visitor.get(link).body();
        assertTrue(WebClient.text(page, "shared").contains("at step 3"), page);
        assertTrue(WebClient.openingTag(page, "shared-copy").orElseThrow().contains("disabled"));
        assertFalse(WebClient.hasId(page, "config-form"), "no settings to change");
        assertEquals(404, visitor.postForm(link + "/step", Map.of("action", "whole")).statusCode());

        assertEquals(303, visitor.postForm(link + "/fork", Map.of()).statusCode());
        JsonNode fork = export(visitor);
        assertEquals(original, fork, "the fork starts as the shared state");
        steps(visitor, 2);
        assertEquals(5, export(visitor).get("steps").asInt());
        assertEquals(original, export(owner), "the fork changes only itself");
        steps(owner, 1);
        assertTrue(WebClient.text(visitor.get(link).body(), "shared").contains("at step 3"),
                "the link keeps the state as it was shared");
        assertEquals(5, export(visitor).get("steps").asInt());
    }

    @Test
    void aWrongLinkIsANotFoundWithAMessage() {
        WebClient visitor = new WebClient(start());
        String unknown = "A".repeat(43);
        for (String path : List.of("/shared/" + unknown, "/shared/short", "/shared/%27%3B--")) {
            HttpResponse<String> r = visitor.get(path);
            assertEquals(404, r.statusCode(), path);
            assertTrue(r.body().contains("no shared experiment"), r.body());
        }
        assertEquals(404, visitor.postForm("/shared/" + unknown + "/fork", Map.of()).statusCode());
    }

    @Test
    void aStoredStateThisVersionCannotReadStartsAfreshInsteadOfFailingEveryRequest() {
        JdbcExperimentRepository repository = new JdbcExperimentRepository(database.dataSource());
        String id = "B".repeat(22);
        repository.locked(id, row -> {
            row.save("{\"experiment\": {\"format\": \"something-else\"}}");
            return null;
        });
        StoredExperiments stored = new StoredExperiments(repository, new StoredExperimentCodec(LESSONS));
        // set aside, not read and refused again on every request: the session goes on afresh, and is told so
        var fresh = stored.load(id).orElseThrow();
        assertEquals(0, fresh.steps());
        assertEquals(java.util.Optional.of(StoredExperiments.SET_ASIDE), fresh.notice());
        assertTrue(repository.find(id).isEmpty(), "the unreadable row is no longer under the session's id");
        assertTrue(repository.find("aside:" + id).isPresent(), "but kept for a look");
        assertTrue(stored.load(id).isEmpty(), "nothing left to load");
        assertTrue(stored.load("C".repeat(22)).isEmpty(), "nothing stored under this id");
    }

    @Test
    void withoutADatabaseSharingIsRefusedClearly() {
        Javalin app = App.create().start(0);
        servers.add(app);
        HttpResponse<String> r = new WebClient(app.port()).postForm("/share", Map.of());
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("sharing needs the database"), r.body());
    }

    static void steps(WebClient browser, int count) {
        for (int i = 0; i < count; i++) {
            assertEquals(303, browser.postForm("/step", Map.of("action", "whole")).statusCode());
        }
    }

    static JsonNode export(WebClient browser) {
        HttpResponse<String> r = browser.get("/export/experiment.json");
        assertEquals(200, r.statusCode(), r.body());
        return ApiJson.parseObject(r.body());
    }

    /** The database going away on demand: entirely, or only when a change is written. */
    private static final class Flaky implements ExperimentRepository {
        private final ExperimentRepository database;
        volatile boolean down;
        volatile boolean savesFail;

        Flaky(ExperimentRepository database) {
            this.database = database;
        }

        private void failIfDown() {
            if (down) throw new StorageException("connection refused", null);
        }

        @Override
        public <T> T locked(String sessionId, Function<LockedRow, T> work) {
            failIfDown();
            return database.locked(sessionId, row -> work.apply(new LockedRow() {
                @Override
                public long version() {
                    return row.version();
                }

                @Override
                public Optional<String> state() {
                    return row.state();
                }

                @Override
                public void save(String state) {
                    if (savesFail) throw new StorageException("disk full", null);
                    row.save(state);
                }
            }));
        }

        @Override
        public Optional<Versioned> find(String sessionId) {
            failIfDown();
            return database.find(sessionId);
        }

        @Override
        public Optional<Versioned> findNewer(String sessionId, long version) {
            failIfDown();
            return database.findNewer(sessionId, version);
        }

        @Override
        public void share(String token, String state) {
            failIfDown();
            database.share(token, state);
        }

        @Override
        public Optional<String> shared(String token) {
            failIfDown();
            return database.shared(token);
        }

        @Override
        public Forgotten forget(java.time.Instant experimentsStoredBefore, java.time.Instant sharesMadeBefore) {
            failIfDown();
            return database.forget(experimentsStoredBefore, sharesMadeBefore);
        }
    }
}

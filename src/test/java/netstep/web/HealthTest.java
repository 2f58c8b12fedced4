package netstep.web;

import netstep.json.ApiJson;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import netstep.experiment.TrainingPool;
import netstep.store.SessionStore;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.*;

/** When /health calls the heap exhausted: the old generation still nearly full right after a collection. */
class HealthTest {
    private static final long MAX = 160L << 20;

    @Test
    void aHeapStillNinetyFivePercentFullAfterACollectionIsExhausted() {
        assertNull(Health.heapProblem(new MemoryUsage(0, (long) (MAX * 0.94), MAX, MAX)));
        String problem = Health.heapProblem(new MemoryUsage(0, (long) (MAX * 0.97), MAX, MAX));
        assertNotNull(problem);
        assertTrue(problem.contains("97 %"), problem);
    }

    @Test
    void aPoolNotYetCollectedOrWithoutAMaximumSaysNothing() {
        assertNull(Health.heapProblem(null));
        assertNull(Health.heapProblem(new MemoryUsage(0, MAX, MAX, -1)));
    }

    /** The route itself: the same server answers 200, then 503 once the heap stays full after collections. */
    @Test
    void theRouteAnswers503WhileTheHeapStaysFullAndOkOnceItHasRoomAgain() {
        AtomicReference<List<MemoryUsage>> afterGc = new AtomicReference<>(Arrays.asList(null, usage(0.50)));
        Health health = new Health(new SessionStore(), new TrainingPool(1, 1), null, afterGc::get);
        Javalin app = Javalin.create(cfg -> cfg.routes.get("/health", health::answer));
        JavalinTest.test(app, (server, ignored) -> {
            WebClient client = new WebClient(server.port());
            HttpResponse<String> ok = client.get("/health");
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("ok", json(ok).get("status").asText());
            assertFalse(json(ok).has("heap"));

            afterGc.set(Arrays.asList(null, usage(0.96)));
            HttpResponse<String> full = client.get("/health");
            assertEquals(503, full.statusCode(), full.body());
            assertEquals("unavailable", json(full).get("status").asText());
            assertTrue(json(full).get("heap").asText().startsWith("exhausted: 96 %"), full.body());
            assertEquals("no-store", full.headers().firstValue("Cache-Control").orElse(""));

            afterGc.set(List.of(usage(0.90)));
            assertEquals(200, client.get("/health").statusCode(), "a collection that freed room: ok again");
        });
    }

    /** This JVM's pools, and the names the collectors give their old generation (the Procfile runs Serial). */
    @Test
    void theOldGenerationIsFoundWhateverTheCollector() {
        for (String name : List.of("Tenured Gen", "G1 Old Gen", "PS Old Gen", "ZGC Old Generation")) {
            assertTrue(Health.isOldGeneration(name), name);
        }
        for (String name : List.of("Eden Space", "Survivor Space", "G1 Eden Space", "Metaspace", "CodeHeap")) {
            assertFalse(Health.isOldGeneration(name), name);
        }
        List<MemoryUsage> here = new ArrayList<>(
                Health.oldGenerationAfterGc(ManagementFactory.getMemoryPoolMXBeans()).get());
        assertFalse(here.isEmpty(), "the test JVM's collector has an old generation the check reads");
    }

    private static MemoryUsage usage(double full) {
        return new MemoryUsage(0, (long) (MAX * full), MAX, MAX);
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return ApiJson.MAPPER.readTree(r.body());
        } catch (Exception e) {
            throw new AssertionError(r.body(), e);
        }
    }
}

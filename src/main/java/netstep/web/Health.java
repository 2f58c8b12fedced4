package netstep.web;

import netstep.json.ApiJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import netstep.experiment.TrainingPool;
import netstep.store.ExperimentRepository;
import netstep.store.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * {@code GET /health} for a platform's health check: 503 when the server cannot serve a student, so that the
 * platform restarts it. That is when the database does not answer a trivial query (down, or closed after a
 * failure), or when the heap was still nearly full after the last garbage collection (the old generation at
 * 95 % or more of its maximum: the next allocations fail).
 */
final class Health {
    private static final Logger LOG = LoggerFactory.getLogger(Health.class);
    static final double HEAP_FULL = 0.95;
    /** The check answers within this time; a database slower than that is reported as busy, not as down. */
    static final long DATABASE_WAIT_MILLIS = 1_500;

    private final SessionStore store;
    private final TrainingPool pool;
    private final ExperimentRepository repository;
    /** Each old-generation pool's usage right after its last collection (null before the first). */
    private final Supplier<List<MemoryUsage>> heapAfterGc;
    /** One query at a time: a slow database is asked again only once the last query has ended. */
    private final ExecutorService checker = Executors.newSingleThreadExecutor(task -> {
        Thread t = new Thread(task, "health-check");
        t.setDaemon(true);
        return t;
    });
    private CompletableFuture<Void> query;

    Health(SessionStore store, TrainingPool pool, ExperimentRepository repository) {
        this(store, pool, repository, oldGenerationAfterGc(ManagementFactory.getMemoryPoolMXBeans()));
    }

    /** With the heap read from {@code heapAfterGc} instead of this JVM's memory pools. */
    Health(SessionStore store, TrainingPool pool, ExperimentRepository repository,
           Supplier<List<MemoryUsage>> heapAfterGc) {
        this.store = store;
        this.pool = pool;
        this.repository = repository;
        this.heapAfterGc = heapAfterGc;
    }

    /** The old generation's pools among {@code pools} (Serial's "Tenured Gen", G1's and Parallel's "Old Gen"). */
    static Supplier<List<MemoryUsage>> oldGenerationAfterGc(List<MemoryPoolMXBean> pools) {
        List<MemoryPoolMXBean> old = pools.stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
                .filter(p -> isOldGeneration(p.getName()))
                .toList();
        return () -> old.stream().map(MemoryPoolMXBean::getCollectionUsage).toList();
    }

    static boolean isOldGeneration(String poolName) {
        return poolName.contains("Old") || poolName.contains("Tenured");
    }

    void answer(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ObjectNode body = ApiJson.MAPPER.createObjectNode();
        String heap = heapProblem();
        String database = repository == null ? "none" : database();
        boolean ok = heap == null && !database.startsWith("unavailable");
        body.put("status", ok ? "ok" : "unavailable");
        body.put("database", database);
        if (heap != null) body.put("heap", heap);
        body.put("sessions", store.size()).put("trainingRuns", pool.pending());
        if (!ok) ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
        ApiController.json(ctx, body);
    }

    /** "ok", "busy" (no answer within the wait, e.g. every connection in use) or "unavailable: why". */
    private String database() {
        CompletableFuture<Void> running;
        synchronized (this) {
            if (query == null || query.isDone()) query = CompletableFuture.runAsync(repository::check, checker);
            running = query;
        }
        try {
            running.get(DATABASE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            return "ok";
        } catch (TimeoutException slow) {
            return "busy";
        } catch (ExecutionException failed) {
            LOG.warn("Health check: the database does not answer: {}", failed.getCause().getMessage());
            return "unavailable: the database does not answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "busy";
        }
    }

    /** Stops the thread that asks the database. */
    void close() {
        checker.shutdownNow();
    }

    /** Null when the heap has room; otherwise how full the old generation stayed after its last collection. */
    private String heapProblem() {
        for (MemoryUsage afterGc : heapAfterGc.get()) {
            String problem = heapProblem(afterGc);
            if (problem != null) return problem;
        }
        return null;
    }

    /** Null when {@code afterGc} (a pool's usage right after its last collection) leaves room. */
    static String heapProblem(MemoryUsage afterGc) {
        if (afterGc == null || afterGc.getMax() <= 0) return null; // not collected yet, or no maximum
        double full = (double) afterGc.getUsed() / afterGc.getMax();
        return full < HEAP_FULL ? null
                : "exhausted: " + Math.round(full * 100) + " % of the heap is still in use after a collection";
    }
}

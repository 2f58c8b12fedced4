package netstep.experiment;

import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.*;

/** The JSON API's calls on the training workers: refused when full, interrupted when nobody waits any more. */
class TrainingPoolTest {
    /** Work that runs until its thread is interrupted, as Training.run does. */
    private static String untilInterrupted(CountDownLatch started) {
        started.countDown();
        while (!Thread.currentThread().isInterrupted()) Thread.onSpinWait();
        throw new CancellationException("stopped");
    }

    @Test
    void aCallIsRefusedWhenTheWorkersAndTheQueueAreFull() throws Exception {
        try (TrainingPool pool = new TrainingPool(1, 1)) {
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<String> running = pool.call(() -> untilInterrupted(started)).orElseThrow();
            assertTrue(started.await(5, TimeUnit.SECONDS));
            Optional<CompletableFuture<String>> queued = pool.call(() -> "queued");
            assertTrue(queued.isPresent());
            assertTrue(pool.call(() -> "one too many").isEmpty());
            running.cancel(true);
            assertEquals("queued", queued.get().get(5, TimeUnit.SECONDS), "the worker is free again");
        }
    }

    @Test
    void aCallThatTimesOutInterruptsItsWorkerWhichThenServesTheNext() throws Exception {
        try (TrainingPool pool = new TrainingPool(1, 4)) {
            CountDownLatch started = new CountDownLatch(1);
            CompletableFuture<String> slow = pool.call(() -> untilInterrupted(started)).orElseThrow()
                    .orTimeout(200, TimeUnit.MILLISECONDS);
            ExecutionException timedOut = assertThrows(ExecutionException.class, () -> slow.get(5, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, timedOut.getCause());
            assertEquals("next", pool.call(() -> Thread.currentThread().isInterrupted() ? "interrupted" : "next")
                    .orElseThrow().get(5, TimeUnit.SECONDS), "the interrupt does not leak into the next call");
            assertEquals(0, waitForIdle(pool));
        }
    }

    @Test
    void closingThePoolFailsTheCallsStillQueued() throws Exception {
        TrainingPool pool = new TrainingPool(1, 2);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> running = pool.call(() -> untilInterrupted(started)).orElseThrow();
        assertTrue(started.await(5, TimeUnit.SECONDS));
        CompletableFuture<String> queued = pool.call(() -> "never").orElseThrow();
        pool.close();
        for (CompletableFuture<String> call : java.util.List.of(running, queued)) {
            // a future failed with a CancellationException throws it as it is
            assertThrows(CancellationException.class, () -> call.get(5, TimeUnit.SECONDS));
        }
    }

    private static int waitForIdle(TrainingPool pool) throws InterruptedException {
        for (int i = 0; i < 50 && pool.pending() > 0; i++) Thread.sleep(100);
        return pool.pending();
    }
}

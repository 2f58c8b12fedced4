package netstep.experiment;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A few worker threads for long training runs, with a bounded queue, so a class clicking "train" at once
 * neither starves the request threads nor piles up unbounded work. When it is full it says so.
 */
public final class TrainingPool implements AutoCloseable {
    public static final int DEFAULT_QUEUE = 16;

    private final ThreadPoolExecutor executor;
    private final int workers;
    private final int queue;

    public TrainingPool(int workers, int queue) {
        this.workers = workers;
        this.queue = queue;
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), task -> {
                    Thread t = new Thread(task, "training-" + count.incrementAndGet());
                    t.setDaemon(true);
                    t.setPriority(Thread.NORM_PRIORITY - 1);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** One worker fewer than the cores (at least 1), so a training run never takes every core from the requests. */
    public static int defaultWorkers() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() - 1);
    }

    /** The default pool: {@link #defaultWorkers()} workers and a queue of {@link #DEFAULT_QUEUE}. */
    public static TrainingPool withDefaults() {
        return new TrainingPool(defaultWorkers(), DEFAULT_QUEUE);
    }

    /**
     * Queues {@code run}; {@code whenFinished} runs on the worker after it, whatever happened.
     * @return false when every worker is busy and the queue is full
     */
    public boolean submit(TrainingRun run, Runnable whenFinished) {
        try {
            executor.execute(() -> {
                try {
                    run.run();
                } finally {
                    whenFinished.run();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /**
     * Runs {@code work} on a worker, like a page's run, for an answer that waits for it (the JSON API). Completing
     * the future early (a time limit) interrupts the worker; closing the pool fails the calls still queued.
     * @return empty when every worker is busy and the queue is full
     */
    public <T> Optional<CompletableFuture<T>> call(Supplier<T> work) {
        Call<T> call = new Call<>(work);
        try {
            executor.execute(call);
        } catch (RejectedExecutionException e) {
            return Optional.empty();
        }
        call.result.whenComplete((done, failure) -> {
            if (failure != null) call.interrupt();
        });
        return Optional.of(call.result);
    }

    /** Work whose caller waits on {@link #result}; its worker is interrupted if the caller stops waiting. */
    private static final class Call<T> implements Runnable {
        final Supplier<T> work;
        final CompletableFuture<T> result = new CompletableFuture<>();
        private Thread runner; // guarded by this

        Call(Supplier<T> work) {
            this.work = work;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (result.isDone()) return; // timed out while queued
                runner = Thread.currentThread();
            }
            try {
                result.complete(work.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            } finally {
                synchronized (this) {
                    runner = null;
                    Thread.interrupted(); // an interrupt meant for this call must not reach the worker's next task
                }
            }
        }

        synchronized void interrupt() {
            if (runner != null) runner.interrupt();
        }
    }

    /** Runs training now or waiting for a worker. */
    public int pending() {
        return executor.getActiveCount() + executor.getQueue().size();
    }

    public int capacity() {
        return workers + queue;
    }

    /** Stops taking work and interrupts the runs, which stop after their current step. */
    @Override
    public void close() {
        for (Runnable queued : executor.shutdownNow()) {
            if (queued instanceof Call<?> call) {
                call.result.completeExceptionally(new CancellationException("the server is stopping"));
            }
        }
    }
}

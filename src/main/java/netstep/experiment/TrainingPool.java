package netstep.experiment;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
        executor.shutdownNow();
    }
}

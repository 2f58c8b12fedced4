package netstep.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * How long the database keeps what a class leaves behind: an experiment until it has gone unchanged for
 * {@code experiments}, a share link for {@code shares} after it was made. A browser's session cookie lasts until
 * the browser closes, so an experiment untouched for a month has almost certainly lost its student; a link goes
 * into course notes and is kept for a term.
 */
public record Retention(Duration experiments, Duration shares) {
    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);
    public static final int DEFAULT_EXPERIMENT_DAYS = 30;
    public static final int DEFAULT_SHARE_DAYS = 180;

    public Retention {
        if (experiments.isNegative() || experiments.isZero() || shares.isNegative() || shares.isZero()) {
            throw new IllegalArgumentException("experiments and share links must be kept for some time");
        }
    }

    /**
     * Experiments kept {@code experimentDays} after their last change, share links {@code shareDays} after they
     * were made. An experiment must outlast a session held in memory, or a student still stepping after a long idle
     * setting would find their row gone.
     */
    public static Retention ofDays(int experimentDays, int shareDays, SessionStore.Limits sessions) {
        Duration experiments = Duration.ofDays(experimentDays);
        if (experiments.compareTo(sessions.idleTimeout()) <= 0) {
            throw new IllegalArgumentException("NETSTEP_KEEP_EXPERIMENT_DAYS (" + experimentDays + " days) must be "
                    + "longer than the session idle timeout (" + sessions.idleTimeout().toMinutes() + " minutes)");
        }
        return new Retention(experiments, Duration.ofDays(shareDays));
    }

    /** Deletes what has been kept long enough, as of {@code clock}'s now. */
    public ExperimentRepository.Forgotten apply(ExperimentRepository repository, Clock clock) {
        var now = clock.instant();
        return repository.forget(now.minus(experiments), now.minus(shares));
    }

    /**
     * Applies this retention now and then every hour, on a daemon thread. A failure (the database down) is
     * logged and the next hour tries again.
     */
    public ScheduledExecutorService everyHour(ExperimentRepository repository) {
        return everyHour(repository, null);
    }

    /**
     * Deletes the classes untouched for as long as an experiment is kept (their members and answers with them), and
     * instructor sign-ins older than a day, as of {@code clock}'s now.
     */
    public int apply(netstep.classroom.ClassRepository classes, Clock clock) {
        var now = clock.instant();
        return classes.forget(now.minus(experiments), now.minus(Duration.ofDays(1)));
    }

    /** Like {@link #everyHour(ExperimentRepository)}, for the classes too unless {@code classes} is null. */
    public ScheduledExecutorService everyHour(ExperimentRepository repository, netstep.classroom.ClassRepository classes) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "netstep-retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                ExperimentRepository.Forgotten gone = apply(repository, Clock.systemUTC());
                if (gone.experiments() + gone.shares() > 0) {
                    LOG.info("Deleted {} experiments unchanged for {} days and {} share links older than {} days",
                            gone.experiments(), experiments.toDays(), gone.shares(), shares.toDays());
                }
                int classesGone = classes == null ? 0 : apply(classes, Clock.systemUTC());
                if (classesGone > 0) {
                    LOG.info("Deleted {} classes unchanged for {} days", classesGone, experiments.toDays());
                }
            } catch (RuntimeException e) {
                LOG.warn("Old experiments could not be deleted this time: {}", e.getMessage());
            }
        }, 0, 1, TimeUnit.HOURS);
        return scheduler;
    }
}

package netstep;

import netstep.experiment.TrainingPool;
import netstep.store.Retention;
import netstep.store.SessionStore;
import netstep.web.Connections;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Every setting of the server, read once at start-up from the environment (or the system property named after it)
 * and handed down by {@link Main}: no other class reads the environment. docs/operations.md lists them.
 *
 * @param port             PORT (7070)
 * @param databaseUrl      DATABASE_URL, postgres://user:password@host:port/db, or null for the embedded database
 * @param dataDirectory    NETSTEP_DATA_DIR (./data): where the embedded database lives
 * @param lessonsFolder    NETSTEP_LESSONS, a folder of the instructor's own lesson files, or null
 * @param sessions         NETSTEP_MAX_SESSIONS (300) and NETSTEP_SESSION_IDLE_MINUTES (60)
 * @param trainingWorkers  NETSTEP_TRAINING_WORKERS (one fewer than the cores, at least 1)
 * @param trainingQueue    NETSTEP_TRAINING_QUEUE (16)
 * @param connections      NETSTEP_REQUEST_THREADS (32), NETSTEP_MIN_REQUEST_BYTES_PER_SECOND (8192) and
 *                         NETSTEP_IDLE_TIMEOUT_SECONDS (10)
 * @param retention        NETSTEP_KEEP_EXPERIMENT_DAYS (30) and NETSTEP_KEEP_SHARE_DAYS (180)
 * @param javaMatrixProducts -Dnetstep.blas=java: the plain-Java matrix product even where native BLAS loads
 * @param instructorPassword NETSTEP_INSTRUCTOR_PASSWORD, or null: class mode is off without it (docs/class-mode.md)
 */
public record Settings(int port, String databaseUrl, Path dataDirectory, Path lessonsFolder,
                       SessionStore.Limits sessions, int trainingWorkers, int trainingQueue, Connections connections,
                       Retention retention, boolean javaMatrixProducts, String instructorPassword) {
    public static final int DEFAULT_PORT = 7070;

    /** Never prints the instructor's password, e.g. into a log. */
    @Override
    public String toString() {
        return "Settings[port=" + port + ", dataDirectory=" + dataDirectory + ", lessonsFolder=" + lessonsFolder
                + ", sessions=" + sessions + ", trainingWorkers=" + trainingWorkers + ", trainingQueue=" + trainingQueue
                + ", connections=" + connections + ", retention=" + retention + ", classMode="
                + (instructorPassword != null) + "]";
    }

    /** The settings of this process: its environment variables and system properties. */
    public static Settings fromEnvironment() {
        return read(System.getenv(), System.getProperties());
    }

    /**
     * The settings in {@code environment}, each falling back to its system property in {@code properties}, then
     * to its default.
     * @throws IllegalArgumentException naming the variable whose value cannot be used
     */
    public static Settings read(Map<String, String> environment, Properties properties) {
        Reader in = new Reader(environment, properties);
        SessionStore.Limits sessions = new SessionStore.Limits(
                in.positiveInt("NETSTEP_MAX_SESSIONS", "netstep.maxSessions", SessionStore.Limits.DEFAULT_MAX_SESSIONS),
                Duration.ofMinutes(in.positiveInt("NETSTEP_SESSION_IDLE_MINUTES", "netstep.sessionIdleMinutes",
                        (int) SessionStore.Limits.DEFAULT_IDLE_TIMEOUT.toMinutes())));
        Retention retention = Retention.ofDays(
                in.positiveInt("NETSTEP_KEEP_EXPERIMENT_DAYS", "netstep.keepExperimentDays",
                        Retention.DEFAULT_EXPERIMENT_DAYS),
                in.positiveInt("NETSTEP_KEEP_SHARE_DAYS", "netstep.keepShareDays", Retention.DEFAULT_SHARE_DAYS),
                sessions);
        String dataDirectory = in.text("NETSTEP_DATA_DIR");
        String lessons = in.text("NETSTEP_LESSONS");
        return new Settings(
                in.port(),
                in.text("DATABASE_URL"),
                Path.of(dataDirectory == null ? "data" : dataDirectory),
                lessons == null ? null : Path.of(lessons),
                sessions,
                in.positiveInt("NETSTEP_TRAINING_WORKERS", "netstep.trainingWorkers", TrainingPool.defaultWorkers()),
                in.positiveInt("NETSTEP_TRAINING_QUEUE", "netstep.trainingQueue", TrainingPool.DEFAULT_QUEUE),
                new Connections(
                        in.positiveInt("NETSTEP_REQUEST_THREADS", "netstep.requestThreads",
                                Connections.DEFAULT_REQUEST_THREADS),
                        in.positiveInt("NETSTEP_MIN_REQUEST_BYTES_PER_SECOND", "netstep.minRequestBytesPerSecond",
                                Connections.DEFAULT_MIN_REQUEST_BYTES_PER_SECOND),
                        in.positiveInt("NETSTEP_IDLE_TIMEOUT_SECONDS", "netstep.idleTimeoutSeconds",
                                Connections.DEFAULT_IDLE_TIMEOUT_SECONDS)),
                retention,
                "java".equals(properties.getProperty("netstep.blas")),
                in.text("NETSTEP_INSTRUCTOR_PASSWORD"));
    }

    private record Reader(Map<String, String> environment, Properties properties) {
        /** The variable's value, trimmed, or null when it is unset or blank. */
        String text(String variable) {
            String raw = environment.get(variable);
            return raw == null || raw.isBlank() ? null : raw.trim();
        }

        int port() {
            String raw = text("PORT");
            if (raw == null) return DEFAULT_PORT;
            try {
                int port = Integer.parseInt(raw);
                if (port >= 0 && port <= 65_535) return port;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("PORT must be a port number from 0 to 65535, not \"" + raw + "\"");
        }

        int positiveInt(String variable, String property, int fallback) {
            String raw = environment.get(variable);
            String source = variable;
            if (raw == null || raw.isBlank()) {
                raw = properties.getProperty(property);
                source = "-D" + property;
            }
            if (raw == null || raw.isBlank()) return fallback;
            try {
                int value = Integer.parseInt(raw.trim());
                if (value >= 1) return value;
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(source + " must be a whole number of 1 or more, not \"" + raw + "\"");
        }
    }
}

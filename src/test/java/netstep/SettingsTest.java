package netstep;

import netstep.experiment.TrainingPool;
import netstep.store.Retention;
import netstep.store.SessionStore;
import netstep.web.Connections;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every setting is read in one place: from the environment, else its system property, else its default. */
class SettingsTest {
    private static Properties properties(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) p.setProperty(pairs[i], pairs[i + 1]);
        return p;
    }

    @Test
    void withNothingSetEverySettingHasItsDefault() {
        Settings s = Settings.read(Map.of(), new Properties());
        assertEquals(7070, s.port());
        assertNull(s.databaseUrl());
        assertEquals(Path.of("data"), s.dataDirectory());
        assertNull(s.lessonsFolder());
        assertEquals(SessionStore.Limits.defaults(), s.sessions());
        assertEquals(TrainingPool.defaultWorkers(), s.trainingWorkers());
        assertEquals(TrainingPool.DEFAULT_QUEUE, s.trainingQueue());
        assertEquals(Connections.DEFAULTS, s.connections());
        assertEquals(Duration.ofDays(Retention.DEFAULT_EXPERIMENT_DAYS), s.retention().experiments());
        assertEquals(Duration.ofDays(Retention.DEFAULT_SHARE_DAYS), s.retention().shares());
        assertFalse(s.javaMatrixProducts());
    }

    @Test
    void theEnvironmentSetsEachOneAndWinsOverTheSystemProperty() {
        Settings s = Settings.read(Map.ofEntries(
                Map.entry("PORT", " 8081 "),
                Map.entry("DATABASE_URL", "postgres://u:p@db:5432/netstep?sslmode=require"),
                Map.entry("NETSTEP_DATA_DIR", "/var/lib/netstep"),
                Map.entry("NETSTEP_LESSONS", "/srv/lessons"),
                Map.entry("NETSTEP_MAX_SESSIONS", "500"),
                Map.entry("NETSTEP_SESSION_IDLE_MINUTES", "90"),
                Map.entry("NETSTEP_TRAINING_WORKERS", "3"),
                Map.entry("NETSTEP_TRAINING_QUEUE", "40"),
                Map.entry("NETSTEP_REQUEST_THREADS", "64"),
                Map.entry("NETSTEP_KEEP_EXPERIMENT_DAYS", "14"),
                Map.entry("NETSTEP_KEEP_SHARE_DAYS", "365")),
                properties("netstep.maxSessions", "42", "netstep.blas", "java"));
        assertEquals(8081, s.port());
        assertEquals("postgres://u:p@db:5432/netstep?sslmode=require", s.databaseUrl());
        assertEquals(Path.of("/var/lib/netstep"), s.dataDirectory());
        assertEquals(Path.of("/srv/lessons"), s.lessonsFolder());
        assertEquals(new SessionStore.Limits(500, Duration.ofMinutes(90)), s.sessions());
        assertEquals(3, s.trainingWorkers());
        assertEquals(40, s.trainingQueue());
        assertEquals(64, s.connections().requestThreads());
        assertEquals(new Retention(Duration.ofDays(14), Duration.ofDays(365)), s.retention());
        assertTrue(s.javaMatrixProducts());
    }

    @Test
    void theInstructorPasswordTurnsClassModeOnAndIsNeverPrinted() {
        assertNull(Settings.read(Map.of(), new Properties()).instructorPassword(), "class mode is off by default");
        assertNull(Settings.read(Map.of("NETSTEP_INSTRUCTOR_PASSWORD", "  "), new Properties()).instructorPassword());
        Settings s = Settings.read(Map.of("NETSTEP_INSTRUCTOR_PASSWORD", "s3cret phrase"), new Properties());
        assertEquals("s3cret phrase", s.instructorPassword());
        assertFalse(s.toString().contains("s3cret"), s.toString());
        assertTrue(s.toString().contains("classMode=true"));
    }

    @Test
    void systemPropertiesStandInForMissingVariables() {
        Settings s = Settings.read(Map.of("NETSTEP_MAX_SESSIONS", "  "),
                properties("netstep.maxSessions", "42", "netstep.sessionIdleMinutes", "7",
                        "netstep.trainingWorkers", "2", "netstep.trainingQueue", "5", "netstep.requestThreads", "8",
                        "netstep.keepExperimentDays", "2", "netstep.keepShareDays", "9"));
        assertEquals(new SessionStore.Limits(42, Duration.ofMinutes(7)), s.sessions());
        assertEquals(2, s.trainingWorkers());
        assertEquals(5, s.trainingQueue());
        assertEquals(8, s.connections().requestThreads());
        assertEquals(new Retention(Duration.ofDays(2), Duration.ofDays(9)), s.retention());
    }

    @Test
    void aValueThatCannotBeUsedIsRefusedByName() {
        IllegalArgumentException property = assertThrows(IllegalArgumentException.class,
                () -> Settings.read(Map.of(), properties("netstep.maxSessions", "lots")));
        assertTrue(property.getMessage().contains("-Dnetstep.maxSessions must be a whole number of 1 or more"),
                property.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Settings.read(Map.of("NETSTEP_TRAINING_QUEUE", "0"), new Properties()));
        assertTrue(zero.getMessage().startsWith("NETSTEP_TRAINING_QUEUE must be"), zero.getMessage());
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> Settings.read(Map.of("PORT", "70000"), new Properties()));
        assertTrue(port.getMessage().startsWith("PORT must be a port number"), port.getMessage());
    }

    @Test
    void anExperimentMustOutlastASessionHeldInMemory() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> Settings.read(
                Map.of("NETSTEP_KEEP_EXPERIMENT_DAYS", "2", "NETSTEP_SESSION_IDLE_MINUTES", String.valueOf(3 * 24 * 60)),
                new Properties()));
        assertTrue(refused.getMessage().contains("idle timeout"), refused.getMessage());
    }
}

package netstep.web;

import netstep.store.Database;
import netstep.store.ExperimentRepository;
import netstep.store.JdbcExperimentRepository;
import netstep.store.Retention;
import netstep.store.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.*;

/** Old experiments and share links are deleted, on the embedded database and on PostgreSQL alike. */
class RetentionTest {
    @TempDir
    Path dataDir;

    @Test
    void theEmbeddedDatabaseForgetsWhatIsOlderThanTheCutOffs() throws Exception {
        try (Database h2 = Database.embedded(dataDir)) {
            ExperimentRepository.Forgotten gone = forgetsOnlyTheOld(new JdbcExperimentRepository(h2.dataSource()));
            assertEquals(new ExperimentRepository.Forgotten(1, 1), gone, "only this test's rows are in it");
        }
    }

    @Test
    void postgresForgetsWhatIsOlderThanTheCutOffs() throws Exception {
        try (Database postgres = Database.postgres(PostgresForTests.urlOrSkip())) {
            ExperimentRepository.Forgotten gone = forgetsOnlyTheOld(new JdbcExperimentRepository(postgres.dataSource()));
            // the test database is shared with other tests, whose older rows go too
            assertTrue(gone.experiments() >= 1 && gone.shares() >= 1, gone.toString());
        }
    }

    /** Rows stored before a moment go, rows after it stay; then a month later the retention takes the rest. */
    private static ExperimentRepository.Forgotten forgetsOnlyTheOld(ExperimentRepository repository)
            throws InterruptedException {
        String oldSession = "old-" + UUID.randomUUID();
        String newSession = "new-" + UUID.randomUUID();
        String oldLink = "old-" + UUID.randomUUID();
        String newLink = "new-" + UUID.randomUUID();
        repository.locked(oldSession, row -> {
            row.save("{\"old\":true}");
            return null;
        });
        repository.share(oldLink, "{\"old\":true}");
        Thread.sleep(50);
        Instant cut = Instant.now();
        Thread.sleep(50);
        repository.locked(newSession, row -> {
            row.save("{\"new\":true}");
            return null;
        });
        repository.share(newLink, "{\"new\":true}");

        ExperimentRepository.Forgotten gone = repository.forget(cut, cut);
        assertTrue(repository.find(oldSession).isEmpty());
        assertTrue(repository.shared(oldLink).isEmpty());
        assertEquals("{\"new\":true}", repository.find(newSession).orElseThrow().state());
        assertEquals("{\"new\":true}", repository.shared(newLink).orElseThrow());

        Retention retention = new Retention(Duration.ofDays(30), Duration.ofDays(180));
        Clock monthLater = Clock.fixed(Instant.now().plus(Duration.ofDays(31)), ZoneOffset.UTC);
        ExperimentRepository.Forgotten later = retention.apply(repository, monthLater);
        assertTrue(later.experiments() >= 1, later.toString());
        assertTrue(repository.find(newSession).isEmpty(), "unchanged for 31 days: deleted");
        assertEquals("{\"new\":true}", repository.shared(newLink).orElseThrow(), "a link is kept for a term");
        return gone;
    }
}

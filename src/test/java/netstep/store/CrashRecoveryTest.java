package netstep.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The H2 file as a SIGKILL leaves it, reopened: a copy taken right after a commit is exactly what the killed
 * process left behind (every commit is written before it returns, nothing is written between commits). Many short
 * lifetimes, each reopening the previous one's copy, each committing a few rows of varying size into a file with
 * holes (RETENTION_TIME=0 frees dead chunks at once, as 45 s of age would), are the case where H2's quick reopen
 * starts from a stale chunk (docs/durability.md). Every committed version must come back.
 */
class CrashRecoveryTest {
    private static final int LIFETIMES = 60;

    @Test
    void everyCommitSurvivesAReopenAfterAKill(@TempDir Path root) throws Exception {
        Random random = new Random(17);
        Map<String, Long> committed = new HashMap<>();
        Path dir = root.resolve("life-0");
        Files.createDirectories(dir);
        int checked = 0;
        int lost = 0;
        for (int life = 0; life < LIFETIMES; life++) {
            Database.recoverAfterCrash(dir.resolve("netstep.mv.db"));
            try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("netstep")
                    + ";WRITE_DELAY=0;RETENTION_TIME=0", "sa", "")) {
                c.createStatement().execute("CREATE TABLE IF NOT EXISTS experiments (session_id VARCHAR(64) PRIMARY KEY, "
                        + "version BIGINT NOT NULL, state TEXT NOT NULL)");
                for (Map.Entry<String, Long> row : committed.entrySet()) {
                    checked++;
                    long found = version(c, row.getKey());
                    if (found != row.getValue()) lost++;
                }
                assertEquals(0, lost, "lifetime " + life + " reopened without rows committed before the kill");
                int commits = 1 + random.nextInt(4);
                for (int i = 0; i < commits; i++) {
                    String id = "s" + random.nextInt(6);
                    long next = committed.getOrDefault(id, 0L) + 1;
                    save(c, id, next, "x".repeat(500 + random.nextInt(20_000)));
                    committed.put(id, next);
                }
                // the kill: what is in the file now is what the next lifetime opens
                Path next = root.resolve("life-" + (life + 1));
                Files.createDirectories(next);
                Files.copy(dir.resolve("netstep.mv.db"), next.resolve("netstep.mv.db"));
                dir = next;
            }
        }
        System.out.println("H2 reopened after a kill: " + LIFETIMES + " lifetimes, " + checked + " committed rows checked, "
                + lost + " lost");
    }

    private static long version(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version FROM experiments WHERE session_id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    private static void save(Connection c, String id, long version, String state) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement s = c.prepareStatement("MERGE INTO experiments (session_id, version, state) KEY (session_id) "
                + "VALUES (?, ?, ?)")) {
            s.setString(1, id);
            s.setLong(2, version);
            s.setString(3, state);
            s.executeUpdate();
        }
        c.commit();
        c.setAutoCommit(true);
    }
}

package netstep.web;

import netstep.store.Database;
import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL server the tests use: NETSTEP_TEST_DATABASE_URL, or the one .ci/run starts. Tests that need it
 * are skipped when it cannot be reached, except on CI (CI=true), where they fail instead.
 */
final class PostgresForTests {
    static final String DEFAULT_URL = "postgres://netstep:netstep@localhost:5432/netstep_test";

    private PostgresForTests() {
    }

    static String urlOrSkip() {
        String configured = System.getenv("NETSTEP_TEST_DATABASE_URL");
        String url = configured == null || configured.isBlank() ? DEFAULT_URL : configured.trim();
        Database.Jdbc jdbc = Database.Jdbc.fromDatabaseUrl(url);
        try (Connection ignored = DriverManager.getConnection(jdbc.url(), jdbc.user(), jdbc.password())) {
            return url;
        } catch (SQLException e) {
            String why = "PostgreSQL at " + jdbc.url() + " is not reachable (" + e.getMessage() + ")";
            if ("true".equals(System.getenv("CI"))) throw new AssertionError(why + "; on CI it must be", e);
            Assumptions.abort(why + "; start it as .ci/run does");
            return url;
        }
    }
}

package netstep.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;

import javax.sql.DataSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where experiments live: PostgreSQL when DATABASE_URL is set (postgres://user:password@host:port/db, as PaaS
 * add-ons give it), else an embedded H2 database in a file under ./data (or NETSTEP_DATA_DIR). Either way a
 * connection pool, with the schema migrated to the newest version at start.
 */
public final class Database implements AutoCloseable {
    /** A failing database answers within this time instead of holding the student's click for half a minute. */
    private static final long CONNECTION_TIMEOUT_MS = 3_000;

    private final HikariDataSource pool;
    private final String description;

    private Database(HikariConfig config, String description) {
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        config.setMaximumPoolSize(10);
        config.setPoolName("netstep");
        this.pool = new HikariDataSource(config);
        this.description = description;
        try {
            Flyway.configure().dataSource(pool).load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    /** PostgreSQL at {@code databaseUrl}, or when that is null the embedded database in {@code dataDirectory}. */
    public static Database open(String databaseUrl, Path dataDirectory) {
        return databaseUrl != null ? postgres(databaseUrl) : embedded(dataDirectory);
    }

    /** An H2 database in {@code directory}/netstep.mv.db, created with the directory when missing. */
    public static Database embedded(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the data directory " + directory.toAbsolutePath(), e);
        }
        recoverAfterCrash(directory.resolve("netstep.mv.db"));
        HikariConfig config = new HikariConfig();
        // WRITE_DELAY=0: a committed step is written to the file before the answer goes out, so even SIGKILL keeps
        // it (recoverAfterCrash makes sure the reopened store finds it again);
        // CACHE_SIZE in KB: pages of a few hundred small rows need no more than 4 MB of a 256 MB heap (default 16)
        config.setJdbcUrl("jdbc:h2:file:" + directory.toAbsolutePath().resolve("netstep")
                + ";WRITE_DELAY=0;LOCK_TIMEOUT=10000;CACHE_SIZE=4096");
        config.setUsername("sa");
        config.setPassword("");
        return new Database(config, "H2 in " + directory.toAbsolutePath());
    }

    /**
     * After a crash (SIGKILL, out of memory) H2 2.5's quick reopen can start from a stale chunk and drop every
     * commit since (docs/durability.md): its file header is rewritten pointing at the chunk before the one being
     * written. When the header has no clean-shutdown mark, the file is therefore opened once in H2's recovery
     * mode, which scans every block for the newest complete chunk, and closed again; closing rewrites only the
     * two header blocks, now pointing at that chunk, so the ordinary open that follows finds every commit.
     */
    static void recoverAfterCrash(Path file) {
        if (!Files.isRegularFile(file) || closedCleanly(file)) return;
        MVStore store = new MVStore.Builder().fileName(file.toString()).recoveryMode().autoCommitDisabled().open();
        store.close();
    }

    /** Whether the store's header carries H2's clean-shutdown mark ("clean:1"), written only by an orderly close. */
    private static boolean closedCleanly(Path file) {
        byte[] block = new byte[4096];
        try (InputStream in = Files.newInputStream(file)) {
            int read = in.readNBytes(block, 0, block.length);
            String header = new String(block, 0, read, StandardCharsets.ISO_8859_1);
            int end = header.indexOf('\n');
            return header.startsWith("H:") && end > 0
                    && "1".equals(DataUtils.parseMap(header.substring(0, end).trim()).get("clean"));
        } catch (IOException | RuntimeException unreadable) {
            return false; // a torn or unreadable header: let the full scan decide
        }
    }

    /** PostgreSQL at a postgres://user:password@host:port/db URL (its query, e.g. ?sslmode=require, is kept). */
    public static Database postgres(String databaseUrl) {
        Jdbc jdbc = Jdbc.fromDatabaseUrl(databaseUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbc.url());
        config.setUsername(jdbc.user());
        config.setPassword(jdbc.password());
        return new Database(config, "PostgreSQL at " + jdbc.url());
    }

    /** A JDBC URL with its user and password apart, as the driver wants them. */
    public record Jdbc(String url, String user, String password) {
        public static Jdbc fromDatabaseUrl(String databaseUrl) {
            URI uri;
            try {
                uri = new URI(databaseUrl);
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("DATABASE_URL is not a URL: " + e.getMessage());
            }
            String scheme = uri.getScheme();
            if (!"postgres".equals(scheme) && !"postgresql".equals(scheme) || uri.getHost() == null
                    || uri.getPath() == null || uri.getPath().length() < 2) {
                throw new IllegalArgumentException("DATABASE_URL must look like postgres://user:password@host:port/database");
            }
            String user = "";
            String password = "";
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
                password = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            }
            String url = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort())
                    + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return new Jdbc(url, user, password);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Which database, for the start-up log; never the password. */
    public String description() {
        return description;
    }

    @Override
    public void close() {
        pool.close();
    }
}

package netstep.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** The repository on any JDBC database with the schema of db/migration (H2 and PostgreSQL are tested). */
public final class JdbcExperimentRepository implements ExperimentRepository {
    private final Supplier<DataSource> dataSource;

    public JdbcExperimentRepository(DataSource dataSource) {
        this(() -> dataSource);
    }

    /** On a database still being opened: the first query waits for {@code dataSource} to deliver it. */
    public JdbcExperimentRepository(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public <T> T locked(String sessionId, Function<LockedRow, T> work) {
        try (Connection c = dataSource.get().getConnection()) {
            c.setAutoCommit(false);
            try {
                Row row = new Row(c, sessionId, lockedVersion(c, sessionId));
                T result = work.apply(row);
                c.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                rollbackQuietly(c);
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("the experiment could not be stored: " + e.getMessage(), e);
        }
    }

    @Override
    public void check() {
        try (Connection c = dataSource.get().getConnection();
             PreparedStatement query = c.prepareStatement("SELECT 1")) {
            query.setQueryTimeout(2);
            try (ResultSet answer = query.executeQuery()) {
                if (!answer.next()) throw new SQLException("SELECT 1 returned no row");
            }
        } catch (SQLException e) {
            throw new StorageException("the database does not answer: " + e.getMessage(), e);
        }
    }

    private static long lockedVersion(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT version FROM experiments WHERE session_id = ? FOR UPDATE")) {
            s.setString(1, sessionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it and the database drops the transaction
        }
    }

    private static final class Row implements LockedRow {
        private final Connection connection;
        private final String sessionId;
        private long version;

        Row(Connection connection, String sessionId, long version) {
            this.connection = connection;
            this.sessionId = sessionId;
            this.version = version;
        }

        @Override
        public long version() {
            return version;
        }

        @Override
        public Optional<String> state() {
            if (version == 0) return Optional.empty();
            try {
                return stateOf(connection, sessionId).map(Versioned::state);
            } catch (SQLException e) {
                throw new StorageException("the experiment could not be read: " + e.getMessage(), e);
            }
        }

        @Override
        public void save(String state) {
            String sql = version == 0
                    ? "INSERT INTO experiments (state, updated_at, version, session_id) VALUES (?, ?, ?, ?)"
                    : "UPDATE experiments SET state = ?, updated_at = ?, version = ? WHERE session_id = ? AND version = ?";
            try (PreparedStatement s = connection.prepareStatement(sql)) {
                s.setString(1, state);
                s.setTimestamp(2, Timestamp.from(Instant.now()));
                s.setLong(3, version + 1);
                s.setString(4, sessionId);
                if (version != 0) s.setLong(5, version);
                if (s.executeUpdate() != 1) {
                    throw new SQLException("the stored experiment changed although its row was locked");
                }
                version++;
            } catch (SQLException e) {
                throw new StorageException("the experiment could not be stored: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public boolean setAside(String sessionId) {
        try (Connection c = dataSource.get().getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE experiments SET session_id = ? WHERE session_id = ?")) {
            s.setString(1, ASIDE + sessionId);
            s.setString(2, sessionId);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StorageException("the experiment could not be set aside: " + e.getMessage(), e);
        }
    }

    /** The prefix of a set-aside row's id: no session id has a colon. */
    static final String ASIDE = "aside:";

    @Override
    public Optional<Versioned> find(String sessionId) {
        try (Connection c = dataSource.get().getConnection()) {
            return stateOf(c, sessionId);
        } catch (SQLException e) {
            throw new StorageException("the experiment could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Versioned> findNewer(String sessionId, long version) {
        try (Connection c = dataSource.get().getConnection();
             PreparedStatement s = c.prepareStatement(
                     "SELECT version, state FROM experiments WHERE session_id = ? AND version > ?")) {
            s.setString(1, sessionId);
            s.setLong(2, version);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Versioned(r.getLong(1), r.getString(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("the experiment could not be read: " + e.getMessage(), e);
        }
    }

    private static Optional<Versioned> stateOf(Connection c, String sessionId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT version, state FROM experiments WHERE session_id = ?")) {
            s.setString(1, sessionId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(new Versioned(r.getLong(1), r.getString(2))) : Optional.empty();
            }
        }
    }

    @Override
    public void share(String token, String state) {
        try (Connection c = dataSource.get().getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO shares (token, state, created_at) VALUES (?, ?, ?)")) {
            s.setString(1, token);
            s.setString(2, state);
            s.setTimestamp(3, Timestamp.from(Instant.now()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("the link could not be stored: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> shared(String token) {
        try (Connection c = dataSource.get().getConnection();
             PreparedStatement s = c.prepareStatement("SELECT state FROM shares WHERE token = ?")) {
            s.setString(1, token);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("the shared experiment could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public Forgotten forget(Instant experimentsStoredBefore, Instant sharesMadeBefore) {
        try (Connection c = dataSource.get().getConnection();
             PreparedStatement experiments = c.prepareStatement("DELETE FROM experiments WHERE updated_at < ?");
             PreparedStatement shares = c.prepareStatement("DELETE FROM shares WHERE created_at < ?")) {
            experiments.setTimestamp(1, Timestamp.from(experimentsStoredBefore));
            shares.setTimestamp(1, Timestamp.from(sharesMadeBefore));
            return new Forgotten(experiments.executeUpdate(), shares.executeUpdate());
        } catch (SQLException e) {
            throw new StorageException("old experiments could not be deleted: " + e.getMessage(), e);
        }
    }
}

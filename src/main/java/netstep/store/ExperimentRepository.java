package netstep.store;

import java.util.Optional;
import java.util.function.Function;

/**
 * Experiments as stored rows: one per session id, holding the JSON that rebuilds the experiment and a version
 * that grows by one with each stored state. Every method throws {@link StorageException} when the database fails.
 */
public interface ExperimentRepository {

    /** A session's row while it is locked: other servers wait until the work on it is done. */
    interface LockedRow {
        /** 0 when nothing is stored yet. */
        long version();

        /** The stored state; empty when nothing is stored yet. */
        Optional<String> state();

        /** Stores {@code state} as the next version, committed when the locked work returns. */
        void save(String state);
    }

    /**
     * Runs {@code work} with the session's row locked against every other server on the same database, and
     * commits what it saved; if work throws, nothing it saved is kept.
     */
    <T> T locked(String sessionId, Function<LockedRow, T> work);

    /** The stored state and its version, if the session has one. */
    Optional<Versioned> find(String sessionId);

    /**
     * The stored state if its version is newer than {@code version}: one indexed read without a lock, which is
     * all a request that changes nothing needs.
     */
    Optional<Versioned> findNewer(String sessionId, long version);

    /**
     * Moves a session's stored state that cannot be read out of the way (kept for a look, under an id no cookie can
     * have, until the retention deletes it), so that it is not read and refused again on every request.
     * @return whether it was moved; a repository that cannot does nothing
     */
    default boolean setAside(String sessionId) {
        return false;
    }

    /** Keeps {@code state} under {@code token}, until {@link #forget} removes it. */
    void share(String token, String state);

    Optional<String> shared(String token);

    record Versioned(long version, String state) {
    }

    /**
     * Deletes the experiments last stored before {@code experimentsStoredBefore} and the links made before
     * {@code sharesMadeBefore}, so that the database of a server running all term does not grow without bound.
     */
    Forgotten forget(java.time.Instant experimentsStoredBefore, java.time.Instant sharesMadeBefore);

    /**
     * Asks the database a trivial question, for the health check.
     * @throws StorageException when it cannot answer (down, closed, out of connections)
     */
    default void check() {
    }

    /** How many rows {@link #forget} deleted. */
    record Forgotten(int experiments, int shares) {
    }
}

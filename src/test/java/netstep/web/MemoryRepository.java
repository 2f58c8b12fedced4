package netstep.web;

import netstep.store.ExperimentRepository;

import java.util.Optional;
import java.util.function.Function;

/** One session's row, without transactions: enough to count locks and to interleave two servers. */
final class MemoryRepository implements ExperimentRepository {
    Versioned row;
    int locks;
    Runnable beforeNextLock;
    final java.util.Map<String, String> shares = new java.util.HashMap<>();

    long version() {
        return row == null ? 0 : row.version();
    }

    @Override
    public <T> T locked(String sessionId, Function<LockedRow, T> work) {
        Runnable interleaved = beforeNextLock;
        beforeNextLock = null;
        if (interleaved != null) interleaved.run();
        locks++;
        return work.apply(new LockedRow() {
            @Override
            public long version() {
                return MemoryRepository.this.version();
            }

            @Override
            public Optional<String> state() {
                return Optional.ofNullable(row).map(Versioned::state);
            }

            @Override
            public void save(String state) {
                row = new Versioned(version() + 1, state);
            }
        });
    }

    @Override
    public Optional<Versioned> find(String sessionId) {
        return Optional.ofNullable(row);
    }

    @Override
    public Optional<Versioned> findNewer(String sessionId, long version) {
        return row != null && row.version() > version ? Optional.of(row) : Optional.empty();
    }

    @Override
    public void share(String token, String state) {
        shares.put(token, state);
    }

    @Override
    public Optional<String> shared(String token) {
        return Optional.ofNullable(shares.get(token));
    }

    @Override
    public Forgotten forget(java.time.Instant experimentsStoredBefore, java.time.Instant sharesMadeBefore) {
        throw new UnsupportedOperationException("not needed here");
    }
}

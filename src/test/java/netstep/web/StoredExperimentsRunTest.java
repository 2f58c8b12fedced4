package netstep.web;

import netstep.json.LessonParser;
import netstep.json.StoredExperimentCodec;
import netstep.experiment.Config;
import netstep.experiment.Experiment;
import netstep.store.ExperimentRepository;
import netstep.store.StoredExperiments;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/** When a request locks and writes the stored experiment: only when it changed it, and never losing a step. */
class StoredExperimentsRunTest {
    private static final String ID = "AAAAAAAAAAAAAAAAAAAAAA";
    private final MemoryRepository database = new MemoryRepository();
    private final StoredExperimentCodec codec = new StoredExperimentCodec(LessonParser.library(null));

    @Test
    void workThatChangesNothingNeitherLocksNorWrites() {
        StoredExperiments stored = new StoredExperiments(database, codec);
        Experiment e = new Experiment(Config.defaults());
        stored.run(ID, e, x -> {
            x.wholeStep();
            return null;
        });
        assertEquals(1, database.locks);
        assertEquals(1, database.version());

        stored.run(ID, e, Experiment::steps); // a page view
        stored.run(ID, e, x -> {
            x.advance(); // picking a sample is not stored: a restart starts the step afresh
            return null;
        });
        assertEquals(1, database.locks, "no lock for work that left the stored state as it was");
        assertEquals(1, database.version());

        stored.run(ID, e, x -> {
            x.wholeStep();
            return null;
        });
        assertEquals(2, database.locks);
        assertEquals(2, database.version());
    }

    @Test
    void aStepStoredByAnotherServerMeanwhileIsKeptAndOursIsDoneOnTopOfIt() {
        StoredExperiments first = new StoredExperiments(database, codec);
        StoredExperiments second = new StoredExperiments(database, codec);
        Experiment onFirst = new Experiment(Config.defaults());
        Experiment onSecond = new Experiment(Config.defaults());
        Function<Experiment, Integer> wholeStep = x -> {
            x.wholeStep();
            return x.steps();
        };
        first.run(ID, onFirst, wholeStep);
        // the second server steps after the first one's read and before its lock
        database.beforeNextLock = () -> second.run(ID, onSecond, wholeStep);

        int stepsAnswered = first.run(ID, onFirst, wholeStep);

        assertEquals(3, stepsAnswered, "the answer shows the step done again on top of the other server's");
        assertEquals(3, onFirst.steps());
        Experiment sequential = new Experiment(Config.defaults());
        for (int i = 0; i < 3; i++) sequential.wholeStep();
        assertEquals(codec.write(sequential), database.row.state(), "three steps stored, one after another");
        assertEquals(3, database.version());
    }

    /** One session's row, without transactions: enough to count locks and to interleave two servers. */
    private static final class MemoryRepository implements ExperimentRepository {
        Versioned row;
        int locks;
        Runnable beforeNextLock;

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
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> shared(String token) {
            return Optional.empty();
        }

        @Override
        public Forgotten forget(java.time.Instant experimentsStoredBefore, java.time.Instant sharesMadeBefore) {
            throw new UnsupportedOperationException("not needed here");
        }
    }
}

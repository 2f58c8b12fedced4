package netstep.store;

import netstep.experiment.Config;
import netstep.experiment.Experiment;
import netstep.json.StoredExperimentCodec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Keeps each session's experiment in the database: every change a request makes is stored before the answer
 * goes out, a copy stored by another server is loaded first, and a change that cannot be stored is undone.
 */
public final class StoredExperiments {
    private static final Logger LOG = LoggerFactory.getLogger(StoredExperiments.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Share tokens: 256 random bits, base64url. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final ExperimentRepository repository;
    private final StoredExperimentCodec codec;
    /** What is stored for each experiment held in memory; an experiment the session store drops leaves with it. */
    private final Map<Experiment, Stored> lastStored = Collections.synchronizedMap(new WeakHashMap<>());

    /** A stored row and the experiment's revision that it holds: the same revision now means nothing to write. */
    private record Stored(ExperimentRepository.Versioned row, long revision) {
        boolean holds(Experiment e) {
            return revision == e.revision();
        }
    }

    public StoredExperiments(ExperimentRepository repository, StoredExperimentCodec codec) {
        this.repository = repository;
        this.codec = codec;
    }

    /** Whether {@code id} has the shape of a session id, so that a forged cookie costs no database query. */
    public static boolean isSessionId(String id) {
        return id != null && SESSION_ID.matcher(id).matches();
    }

    /** Told to a student whose stored experiment could not be opened. */
    public static final String SET_ASIDE = "Your saved experiment could not be opened by this version of netstep, so "
            + "it was set aside and this is a fresh start with the default network.";

    /**
     * The experiment stored under a session id this server does not hold (after a restart, or made elsewhere).
     * A stored state this version cannot read is logged and set aside (so it is not read and refused again on
     * every request), and the session starts afresh with a message saying so; if it cannot be set aside, the
     * browser starts a new session instead.
     */
    public Optional<Experiment> load(String sessionId) {
        return repository.find(sessionId).flatMap(stored -> {
            Experiment e = new Experiment(Config.defaults());
            try {
                codec.read(stored.state(), e);
            } catch (StorageException failure) {
                throw failure;
            } catch (RuntimeException unreadable) {
                LOG.warn("The stored experiment of a session cannot be read, so it is set aside and starts afresh: {}",
                        unreadable.getMessage());
                boolean moved;
                try {
                    moved = repository.setAside(sessionId);
                } catch (StorageException failure) {
                    LOG.warn("The unreadable experiment could not be set aside: {}", failure.getMessage());
                    moved = false;
                }
                if (!moved) return Optional.empty();
                Experiment fresh = new Experiment(Config.defaults());
                fresh.tell(SET_ASIDE);
                return Optional.of(fresh);
            }
            lastStored.put(e, new Stored(stored, e.revision()));
            return Optional.of(e);
        });
    }

    /**
     * Runs {@code work} on the session's experiment and stores what it changed. The caller holds the session's
     * in-memory lock. A state another server stored meanwhile is loaded first, with one read and no lock, so work
     * that changes nothing (a page view, most phase clicks) never locks or writes. A change is stored with the
     * row locked; if another server stored a change since that read, the work is done again on top of theirs,
     * under the lock, so no step is lost. If the database fails, the experiment goes back to its last stored
     * state and the {@link StorageException} is thrown on; work that changes nothing is still answered while the
     * database is away.
     */
    public <T> T run(String sessionId, Experiment e, Function<Experiment, T> work) {
        boolean workRan = false;
        try {
            Stored known = catchUp(sessionId, e);
            workRan = true;
            T answer = work.apply(e);
            if (known != null && known.holds(e)) return answer;
            String now = codec.write(e);
            Stored[] stored = {known};
            T result = repository.locked(sessionId, row -> {
                if (row.version() == version(known)) {
                    stored[0] = save(row, now, e);
                    return answer;
                }
                stored[0] = read(new ExperimentRepository.Versioned(row.version(), row.state().orElseThrow()), e);
                T again = work.apply(e);
                if (!stored[0].holds(e)) stored[0] = save(row, codec.write(e), e);
                return again;
            });
            lastStored.put(e, stored[0]); // committed
            return result;
        } catch (StorageException failure) {
            Stored committed = lastStored.get(e);
            if (!workRan) {
                T answer = work.apply(e);
                if (committed != null && committed.holds(e)) return answer;
            }
            restore(e, committed);
            throw failure;
        }
    }

    /** What is stored for {@code e} now, after loading the state another server stored since, if any. */
    private Stored catchUp(String sessionId, Experiment e) {
        Stored known = lastStored.get(e);
        Optional<ExperimentRepository.Versioned> newer = repository.findNewer(sessionId, version(known));
        if (newer.isEmpty()) return known;
        Stored loaded = read(newer.get(), e);
        lastStored.put(e, loaded);
        return loaded;
    }

    /** Puts the stored row's state into {@code e}. */
    private Stored read(ExperimentRepository.Versioned row, Experiment e) {
        codec.read(row.state(), e);
        return new Stored(row, e.revision());
    }

    private static Stored save(ExperimentRepository.LockedRow row, String state, Experiment e) {
        row.save(state);
        return new Stored(new ExperimentRepository.Versioned(row.version(), state), e.revision());
    }

    private static long version(Stored stored) {
        return stored == null ? 0 : stored.row().version();
    }

    private void restore(Experiment e, Stored stored) {
        if (stored != null) {
            lastStored.put(e, read(stored.row(), e));
        } else {
            e.leaveLesson();
            e.configure(Config.defaults());
        }
    }

    /** Stores a copy of {@code e} as it is now (kept as long as the retention says), and returns the unguessable token that opens it. */
    public String share(Experiment e) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        repository.share(token, codec.writeWithoutScore(e));
        return token;
    }

    /** The shared copy behind {@code token}, rebuilt as an experiment of its own. */
    public Optional<Experiment> shared(String token) {
        return sharedState(token).map(state -> {
            Experiment copy = new Experiment(Config.defaults());
            codec.read(state, copy);
            return copy;
        });
    }

    /** Makes {@code e} a copy of the shared experiment; false if there is none behind {@code token}. */
    public boolean fork(String token, Experiment e) {
        Optional<String> state = sharedState(token);
        state.ifPresent(s -> codec.read(s, e));
        return state.isPresent();
    }

    private Optional<String> sharedState(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) return Optional.empty();
        return repository.shared(token);
    }
}

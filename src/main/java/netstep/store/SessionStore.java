package netstep.store;

import netstep.experiment.Config;
import netstep.experiment.Experiment;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Each browser's experiment, keyed by an unguessable session id (128 random bits).
 * Work on one experiment is serialised, so a double click or two tabs never tear an update.
 */
public final class SessionStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentHashMap<String, Experiment> experiments = new ConcurrentHashMap<>();

    /** A browser's session: its id, and whether it was created by this request. */
    public final class Session {
        private final String id;
        private final Experiment experiment;
        private final boolean created;

        private Session(String id, Experiment experiment, boolean created) {
            this.id = id;
            this.experiment = experiment;
            this.created = created;
        }

        public String id() {
            return id;
        }

        public boolean created() {
            return created;
        }

        /** Runs {@code work} on the experiment while no other request of this session can. */
        public <T> T run(Function<Experiment, T> work) {
            synchronized (experiment) {
                return work.apply(experiment);
            }
        }
    }

    /** The session with this id, or a new one with the default experiment if there is none. */
    public Session open(String id) {
        Experiment existing = id == null ? null : experiments.get(id);
        if (existing != null) return new Session(id, existing, false);
        String newId = newId();
        Experiment fresh = new Experiment(Config.defaults());
        experiments.put(newId, fresh);
        return new Session(newId, fresh, true);
    }

    /** Whether this server holds the session in memory. */
    public boolean holds(String id) {
        return id != null && experiments.containsKey(id);
    }

    /** Takes in a session stored in the database, under its own id, unless it is already held. */
    public void adopt(String id, Experiment experiment) {
        experiments.putIfAbsent(id, experiment);
    }

    public int size() {
        return experiments.size();
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

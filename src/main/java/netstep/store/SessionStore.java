package netstep.store;

import netstep.experiment.Config;
import netstep.experiment.Experiment;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Each browser's experiment, keyed by an unguessable session id (128 random bits).
 * Work on one experiment is serialised, so a double click or two tabs never tear an update.
 */
public final class SessionStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentHashMap<String, Experiment> experiments = new ConcurrentHashMap<>();

    /** A new session with the default experiment; returns its id. */
    public String create() {
        String id = newId();
        experiments.put(id, new Experiment(Config.defaults()));
        return id;
    }

    public boolean exists(String id) {
        return id != null && experiments.containsKey(id);
    }

    /** Runs {@code work} on the session's experiment while holding it; empty if there is no such session. */
    public <T> Optional<T> with(String id, Function<Experiment, T> work) {
        Experiment experiment = id == null ? null : experiments.get(id);
        if (experiment == null) return Optional.empty();
        synchronized (experiment) {
            return Optional.ofNullable(work.apply(experiment));
        }
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

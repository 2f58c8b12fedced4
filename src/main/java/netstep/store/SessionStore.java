package netstep.store;

import netstep.experiment.Config;
import netstep.experiment.Experiment;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Each browser's experiment, keyed by an unguessable session id (128 random bits), with bounded resources:
 * at most {@link Limits#maxSessions()} sessions, each closed after {@link Limits#idleTimeout()} without a request,
 * and the least recently used one evicted when a new browser arrives and the store is full.
 * Work on one experiment is serialised, so a double click or two tabs never tear an update.
 */
public final class SessionStore {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How many sessions, and for how long; the defaults fit a 512 MB instance (netstep.Settings reads them). */
    public record Limits(int maxSessions, Duration idleTimeout) {
        public static final int DEFAULT_MAX_SESSIONS = 300;
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(60);

        public Limits {
            if (maxSessions < 1) throw new IllegalArgumentException("maxSessions must be at least 1, not " + maxSessions);
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("the idle timeout must be positive, not " + idleTimeout);
            }
        }

        public static Limits defaults() {
            return new Limits(DEFAULT_MAX_SESSIONS, DEFAULT_IDLE_TIMEOUT);
        }
    }

    private record Entry(Experiment experiment, long lastUsedNanos, boolean reloadedAfterClose) {
        Entry(Experiment experiment, long lastUsedNanos) {
            this(experiment, lastUsedNanos, false);
        }
    }

    private final Limits limits;
    private final LongSupplier nanoClock;
    /** In access order: the first entry is the least recently used. Guarded by {@code this}. */
    private final LinkedHashMap<String, Entry> sessions = new LinkedHashMap<>(64, 0.75f, true);
    private long evictions;
    /**
     * Sessions this store closed (evicted or idle), most recent last, so that one brought back from the database
     * is told it had ended; bounded, 22-character ids.
     */
    private final LinkedHashMap<String, Boolean> recentlyClosed = new LinkedHashMap<>(64, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
            return size() > 2 * limits.maxSessions();
        }
    };

    public SessionStore() {
        this(Limits.defaults());
    }

    public SessionStore(Limits limits) {
        this(limits, System::nanoTime);
    }

    /** {@code nanoClock} lets tests move time forward. */
    public SessionStore(Limits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
    }

    /** A browser's session: its id, whether this request created it, and whether an earlier one had ended. */
    public final class Session {
        private final String id;
        private final Experiment experiment;
        private final boolean created;
        private final boolean replacesEnded;

        private Session(String id, Experiment experiment, boolean created, boolean replacesEnded) {
            this.id = id;
            this.experiment = experiment;
            this.created = created;
            this.replacesEnded = replacesEnded;
        }

        public String id() {
            return id;
        }

        public boolean created() {
            return created;
        }

        /**
         * The browser sent a session id we no longer have (evicted, idle too long, or the server restarted), or one
         * this store had closed and took back from the database: the click was meant for a page that has gone.
         * {@link #created()} tells the two apart.
         */
        public boolean replacesEnded() {
            return replacesEnded;
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
        long now = nanoClock.getAsLong();
        List<Experiment> closed = new ArrayList<>();
        synchronized (this) {
            closeIdle(now, closed);
            Entry existing = id == null ? null : sessions.get(id);
            if (existing != null) {
                boolean reloaded = existing.reloadedAfterClose(); // said once, on the first request after
                sessions.put(id, new Entry(existing.experiment(), now));
                stopTraining(closed);
                return new Session(id, existing.experiment(), false, reloaded);
            }
            makeRoom(closed);
        }
        stopTraining(closed);
        // building the network outside the lock keeps other browsers waiting only for the map update
        Experiment fresh = new Experiment(Config.defaults());
        String newId = newId();
        synchronized (this) {
            sessions.put(newId, new Entry(fresh, now));
        }
        return new Session(newId, fresh, true, id != null && !id.isEmpty());
    }

    /** Whether this server holds the session in memory. */
    public synchronized boolean holds(String id) {
        return id != null && sessions.containsKey(id);
    }

    /**
     * Takes in a session stored in the database, under its own id, unless it is already held. It counts
     * against the limit like a new session. Its student carries on; if this store had closed it (evicted or
     * idle), the next {@link #open} says so ({@link Session#replacesEnded()}), as for an ended session.
     */
    public void adopt(String id, Experiment experiment) {
        long now = nanoClock.getAsLong();
        List<Experiment> closed = new ArrayList<>();
        synchronized (this) {
            closeIdle(now, closed);
            if (!sessions.containsKey(id)) {
                makeRoom(closed);
                sessions.put(id, new Entry(experiment, now, recentlyClosed.remove(id) != null));
            }
        }
        stopTraining(closed);
    }

    /** Closes the least recently used sessions until a new one fits, adding their experiments to {@code closed}. */
    private void makeRoom(List<Experiment> closed) {
        while (sessions.size() >= limits.maxSessions()) {
            Iterator<java.util.Map.Entry<String, Entry>> leastRecent = sessions.entrySet().iterator();
            java.util.Map.Entry<String, Entry> evicted = leastRecent.next();
            closed.add(evicted.getValue().experiment());
            recentlyClosed.put(evicted.getKey(), true);
            leastRecent.remove();
            evictions++;
        }
    }

    /** Entries are in access order, so the idle ones are all at the front. */
    private void closeIdle(long now, List<Experiment> closed) {
        long timeout = limits.idleTimeout().toNanos();
        Iterator<java.util.Map.Entry<String, Entry>> it = sessions.entrySet().iterator();
        while (it.hasNext()) {
            java.util.Map.Entry<String, Entry> entry = it.next();
            if (now - entry.getValue().lastUsedNanos() < timeout) break;
            closed.add(entry.getValue().experiment());
            recentlyClosed.put(entry.getKey(), true);
            it.remove();
        }
    }

    /**
     * A closed session's training run would go on working for nobody and hold a worker: it is cancelled. Outside
     * the store's lock, under the experiment's own, like every other request's work on it.
     */
    private static void stopTraining(List<Experiment> closed) {
        for (Experiment experiment : closed) {
            synchronized (experiment) {
                experiment.stopTraining();
            }
        }
    }

    public synchronized int size() {
        return sessions.size();
    }

    /** Sessions closed to make room for new ones since start-up. */
    public synchronized long evictions() {
        return evictions;
    }

    public Limits limits() {
        return limits;
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

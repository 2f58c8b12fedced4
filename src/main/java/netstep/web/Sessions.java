package netstep.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import netstep.experiment.Experiment;
import netstep.store.SessionStore;
import netstep.store.StoredExperiments;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Binds a browser to its experiment through an HttpOnly, SameSite=Lax session cookie, Secure when the request
 * came over HTTPS (directly, or through a PaaS router that says so in X-Forwarded-Proto).
 */
final class Sessions {
    static final String COOKIE = "netstep_session";
    /** Set on a request that started a new session, so that an error answer does not speak of earlier work. */
    static final String NEW_SESSION = "netstep.newSession";

    private final SessionStore store;
    /** The database behind the store; null keeps experiments in memory only. */
    private final StoredExperiments stored;

    Sessions(SessionStore store, StoredExperiments stored) {
        this.store = store;
        this.stored = stored;
    }

    /** This browser's session, created (with the cookie) on the first visit or after the old one ended. */
    SessionStore.Session open(Context ctx) {
        String id = ctx.cookie(COOKIE);
        // a session this server does not hold may be in the database: after a restart, or from another server
        if (stored != null && StoredExperiments.isSessionId(id) && !store.holds(id)) {
            stored.load(id).ifPresent(e -> store.adopt(id, e));
        }
        SessionStore.Session session = store.open(id);
        if (session.created()) {
            ctx.attribute(NEW_SESSION, true);
            ctx.cookie(new Cookie(COOKIE, session.id(), "/", -1, https(ctx), true, null, SameSite.LAX));
        }
        if (session.replacesEnded()) {
            String message = session.created() ? ended(store.limits()) : reloaded(store.limits());
            session.run(e -> {
                e.tell(message);
                return null;
            });
        }
        return session;
    }

    /** Runs {@code work} on this browser's experiment while no other request of the same browser can. */
    <T> T with(Context ctx, Function<Experiment, T> work) {
        return run(open(ctx), work);
    }

    /**
     * Runs {@code work} on the session's experiment under its lock and, with a database, stores what it changed
     * (or puts back the stored state if the write fails).
     */
    <T> T run(SessionStore.Session session, Function<Experiment, T> work) {
        return session.run(e -> stored == null ? work.apply(e) : stored.run(session.id(), e, work));
    }

    /**
     * Like {@link #run}, for work whose answer is a page or fragment: {@code change} does what the request asks and
     * returns how to render the answer (null for none), which runs after the change is stored. The database
     * connection and the row lock are held for the change only, not while the HTML is built; the session's own
     * lock is held throughout, so the answer shows exactly the state that was stored.
     */
    <T> T answer(SessionStore.Session session, Function<Experiment, Supplier<T>> change) {
        return session.run(e -> {
            Supplier<T> answer = stored == null ? change.apply(e) : stored.run(session.id(), e, change);
            return answer == null ? null : CannotRender.guard(e, answer);
        });
    }

    <T> T answer(Context ctx, Function<Experiment, Supplier<T>> change) {
        return answer(open(ctx), change);
    }

    static boolean https(Context ctx) {
        return "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")) || "https".equals(ctx.scheme());
    }

    /** An evicted or idle session this server closed, brought back from the database. */
    private static String reloaded(SessionStore.Limits limits) {
        return "Your session had ended on the server, so your experiment was reloaded from its last saved step; "
                + "check the page before you click on. (The server keeps at most " + limits.maxSessions()
                + " sessions in memory and closes one after " + limits.idleTimeout().toMinutes()
                + " minutes without a click.)";
    }

    private static String ended(SessionStore.Limits limits) {
        return "Your earlier session has ended, so this is a fresh start with the default network. (The server "
                + "keeps at most " + limits.maxSessions() + " sessions and closes one after "
                + limits.idleTimeout().toMinutes() + " minutes without a click, or when it restarts.)";
    }
}

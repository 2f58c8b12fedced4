package netstep.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import netstep.experiment.Experiment;
import netstep.store.SessionStore;
import netstep.store.StoredExperiments;

import java.util.function.Function;

/** Binds a browser to its experiment through an HttpOnly, SameSite=Lax session cookie. */
final class Sessions {
    static final String COOKIE = "netstep_session";

    private final SessionStore store;
    /** The database behind the store; null keeps experiments in memory only. */
    private final StoredExperiments stored;

    Sessions(SessionStore store, StoredExperiments stored) {
        this.store = store;
        this.stored = stored;
    }

    /** Runs {@code work} on this browser's experiment, creating one (and the cookie) on the first visit. */
    <T> T with(Context ctx, Function<Experiment, T> work) {
        String id = ctx.cookie(COOKIE);
        if (stored != null && StoredExperiments.isSessionId(id) && !store.holds(id)) {
            stored.load(id).ifPresent(e -> store.adopt(id, e));
        }
        SessionStore.Session session = store.open(id);
        if (session.created()) {
            boolean https = "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")) || "https".equals(ctx.scheme());
            ctx.cookie(new Cookie(COOKIE, session.id(), "/", -1, https, true, null, SameSite.LAX));
        }
        return session.run(e -> stored == null ? work.apply(e) : stored.run(session.id(), e, work));
    }
}

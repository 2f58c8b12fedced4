package netstep.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import netstep.experiment.Experiment;
import netstep.store.SessionStore;

import java.util.function.Function;

/** Binds a browser to its experiment through an HttpOnly, SameSite=Lax session cookie. */
final class Sessions {
    static final String COOKIE = "netstep_session";

    private final SessionStore store;

    Sessions(SessionStore store) {
        this.store = store;
    }

    /** Runs {@code work} on this browser's experiment, creating one (and the cookie) on the first visit. */
    <T> T with(Context ctx, Function<Experiment, T> work) {
        SessionStore.Session session = store.open(ctx.cookie(COOKIE));
        if (session.created()) {
            boolean https = "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")) || "https".equals(ctx.scheme());
            ctx.cookie(new Cookie(COOKIE, session.id(), "/", -1, https, true, null, SameSite.LAX));
        }
        return session.run(work);
    }
}

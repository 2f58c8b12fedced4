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
        String id = ctx.cookie(COOKIE);
        if (!store.exists(id)) {
            id = store.create();
            boolean https = "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")) || "https".equals(ctx.scheme());
            ctx.cookie(new Cookie(COOKIE, id, "/", -1, https, true, null, SameSite.LAX));
        }
        String sessionId = id;
        return store.with(sessionId, work)
                .orElseThrow(() -> new IllegalStateException("session " + sessionId + " vanished"));
    }
}

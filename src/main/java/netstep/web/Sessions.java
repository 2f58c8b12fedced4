package netstep.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import netstep.experiment.Experiment;
import netstep.store.SessionStore;

import java.util.function.Function;

/**
 * Binds a browser to its experiment through an HttpOnly, SameSite=Lax session cookie, Secure when the request
 * came over HTTPS (directly, or through a PaaS router that says so in X-Forwarded-Proto).
 */
final class Sessions {
    static final String COOKIE = "netstep_session";

    private final SessionStore store;

    Sessions(SessionStore store) {
        this.store = store;
    }

    /** This browser's session, created (with the cookie) on the first visit or after the old one ended. */
    SessionStore.Session open(Context ctx) {
        SessionStore.Session session = store.open(ctx.cookie(COOKIE));
        if (session.created()) {
            ctx.cookie(new Cookie(COOKIE, session.id(), "/", -1, https(ctx), true, null, SameSite.LAX));
        }
        if (session.replacesEnded()) {
            session.run(e -> {
                e.tell(ended(store.limits()));
                return null;
            });
        }
        return session;
    }

    /** Runs {@code work} on this browser's experiment while no other request of the same browser can. */
    <T> T with(Context ctx, Function<Experiment, T> work) {
        return open(ctx).run(work);
    }

    static boolean https(Context ctx) {
        return "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto")) || "https".equals(ctx.scheme());
    }

    private static String ended(SessionStore.Limits limits) {
        return "Your earlier session has ended, so this is a fresh start with the default network. (The server "
                + "keeps at most " + limits.maxSessions() + " sessions and closes one after "
                + limits.idleTimeout().toMinutes() + " minutes without a click, or when it restarts.)";
    }
}

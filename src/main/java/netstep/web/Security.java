package netstep.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/** Response headers for every answer, and the cross-site request forgery check for state-changing requests. */
final class Security {
    /** Only our own scripts and styles: htmx and netstep.js are files, and no page has inline script or style. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; object-src 'none'";

    private Security() {
    }

    /** Every answer's security headers, Jetty's own error answers included ({@link ErrorAnswers}). */
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "same-origin",
            "X-Frame-Options", "DENY");

    /** Before every request: the headers, then the same-origin check. */
    static void check(Context ctx) {
        headers(ctx);
        checkSameOrigin(ctx);
    }

    static void headers(Context ctx) {
        HEADERS.forEach(ctx::header);
    }

    /**
     * Refuses a state-changing request that a browser says came from another site. Browsers send Sec-Fetch-Site
     * (all current ones) or at least Origin on a POST; htmx requests and the page's own forms are same-origin.
     * A request with neither header is not from a browser page (curl, the load script), so it cannot carry a
     * victim's cookie by forgery. The JSON API is exempt: it is stateless and reads no cookie.
     */
    static void checkSameOrigin(Context ctx) {
        if (ctx.method() == HandlerType.GET || ctx.method() == HandlerType.HEAD || ctx.method() == HandlerType.OPTIONS) {
            return;
        }
        if (ctx.path().startsWith("/api/")) return;
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null) {
            String site = fetchSite.trim().toLowerCase(Locale.ROOT);
            if (site.equals("same-origin") || site.equals("none")) return;
            throw forged();
        }
        String origin = ctx.header("Origin");
        if (origin == null) return;
        if (!sameHost(origin, ctx)) throw forged();
    }

    private static boolean sameHost(String origin, Context ctx) {
        String host = ctx.header("X-Forwarded-Host");
        if (host == null || host.isBlank()) host = ctx.header("Host");
        if (host == null) return false;
        try {
            URI uri = new URI(origin.trim());
            if (uri.getHost() == null) return false; // "null" (sandboxed frames, some redirects)
            String originHost = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return originHost.equalsIgnoreCase(host.split(",")[0].trim());
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static Forbidden forged() {
        return new Forbidden("This form was sent from another site, so it was refused. Open netstep itself and use "
                + "its buttons.");
    }
}

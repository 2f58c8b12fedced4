package netstep.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import netstep.experiment.Experiment;
import netstep.store.StoredExperiments;
import netstep.view.StepperPage;

/** Share: a read-only copy of the experiment behind an unguessable link, and "make it mine" to fork it. */
final class ShareController {
    private static final String NOT_SHARED = "There is no shared experiment at this address; check the link.";

    private final Sessions sessions;
    /** null when experiments live in memory only: then there is nothing to share from. */
    private final StoredExperiments stored;

    ShareController(Sessions sessions, StoredExperiments stored) {
        this.sessions = sessions;
        this.stored = stored;
    }

    /** POST /share: stores a copy of the experiment as it is now and shows it at its new address. */
    void share(Context ctx) {
        String token = sessions.with(ctx, database()::share);
        ctx.redirect("/shared/" + token, HttpStatus.SEE_OTHER);
    }

    /** GET /shared/{token}: the copy, read-only. */
    void show(Context ctx) {
        Experiment copy = database().shared(ctx.pathParam("token")).orElse(null);
        if (copy == null) {
            notShared(ctx);
            return;
        }
        StepperController.html(ctx, StepperPage.sharedCopy(copy, ctx.pathParam("token"), ctx.url()));
    }

    /** POST /shared/{token}/fork: the visitor's own experiment becomes a copy of the shared one. */
    void fork(Context ctx) {
        String token = ctx.pathParam("token");
        boolean found = sessions.with(ctx, e -> database().fork(token, e));
        if (found) {
            ctx.redirect("/", HttpStatus.SEE_OTHER);
        } else {
            notShared(ctx);
        }
    }

    private static void notShared(Context ctx) {
        ctx.attribute(App.OWN_NOT_FOUND, true);
        ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result(NOT_SHARED);
    }

    private StoredExperiments database() {
        if (stored == null) throw new BadRequest("sharing needs the database, and this server keeps experiments in memory only");
        return stored;
    }
}

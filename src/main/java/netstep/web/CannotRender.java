package netstep.web;

import netstep.json.ExperimentJson;
import netstep.json.ApiJson;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import netstep.experiment.Experiment;
import netstep.experiment.InvalidInput;
import netstep.store.StorageException;
import netstep.view.BrokenSessionView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * A session's state that its page or fragment cannot draw. Whichever request met it, the student gets the way out
 * {@code GET /} offers ({@link BrokenSessionView}): a page post gets that page, an htmx click a redirect to it
 * (htmx swaps no 5xx answer, but follows HX-Redirect whatever the status).
 */
final class CannotRender extends RuntimeException {
    private static final Logger LOG = LoggerFactory.getLogger(CannotRender.class);

    /** Whether "Download what I had" can be offered: decided while the session's lock was held. */
    final boolean exportable;

    private CannotRender(RuntimeException cause, boolean exportable) {
        super("the session's state cannot be rendered", cause);
        this.exportable = exportable;
    }

    /** Renders {@code view} of {@code e} (under the session's lock), or throws CannotRender if it fails. */
    static <T> T guard(Experiment e, Supplier<T> view) {
        try {
            return view.get();
        } catch (InvalidInput | Forbidden | StorageException refused) {
            throw refused; // a refusal meant for the student, not a drawing that failed
        } catch (RuntimeException broken) {
            throw new CannotRender(broken, exportable(e));
        }
    }

    /** Whether the experiment can still be written as a file, for "Download what I had". */
    static boolean exportable(Experiment e) {
        try {
            ApiJson.MAPPER.writeValueAsString(ExperimentJson.write(e));
            return true;
        } catch (Exception notExportable) {
            return false;
        }
    }

    /** The answer to a request whose page or fragment could not be drawn. */
    static void answer(CannotRender e, Context ctx) {
        LOG.error("The state of a session cannot be rendered on {} {}; offering to start over", ctx.method(),
                ctx.path(), e.getCause());
        ctx.status(HttpStatus.INTERNAL_SERVER_ERROR);
        ctx.res().setHeader("Cache-Control", "no-store");
        if (StepperController.htmx(ctx)) {
            // the page itself then shows what happened, with Start over (and the download, if it exports)
            ctx.header("HX-Redirect", "/");
            ctx.contentType("text/plain; charset=utf-8").result("This experiment cannot be shown; the page "
                    + "reloads to offer a fresh start.");
        } else {
            StepperController.html(ctx, BrokenSessionView.page(e.exportable));
        }
    }
}

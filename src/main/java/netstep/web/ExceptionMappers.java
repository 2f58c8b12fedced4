package netstep.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import jakarta.servlet.ServletException;
import netstep.engine.DivergedException;
import netstep.experiment.InvalidInput;
import netstep.json.ApiJson;
import netstep.store.StorageException;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/** Every refusal and failure as a status with a sentence in the app's words (the JSON API's in JSON). */
final class ExceptionMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ExceptionMappers.class);

    private ExceptionMappers() {
    }

    static void register(JavalinConfig cfg) {
        refusals(cfg);
        errorStatuses(cfg);
        unreadableRequests(cfg);
        cfg.routes.exception(StorageException.class, ExceptionMappers::databaseDown);
        cfg.routes.exception(TeachController.NotInstructor.class, TeachController::refuse);
        cfg.routes.exception(TeachController.NotFound.class, (e, ctx) -> {
            ctx.attribute(App.OWN_NOT_FOUND, true);
            ctx.status(HttpStatus.NOT_FOUND).contentType("text/plain; charset=utf-8").result(e.getMessage());
        });
        cfg.routes.exception(CannotRender.class, CannotRender::answer);
        cfg.routes.exception(Exception.class, ExceptionMappers::unexpected);
    }

    /** Input the app will not act on: 400 for bad input, 403 for a cross-site post, 422 for a diverged run. */
    private static void refusals(JavalinConfig cfg) {
        cfg.routes.exception(InvalidInput.class, (e, ctx) -> {
            if (ctx.path().startsWith("/api/")) {
                ApiController.error(ctx, HttpStatus.BAD_REQUEST, e.getMessage());
            } else {
                // a message, not a fragment: htmx must not swap it over the page
                if (StepperController.htmx(ctx)) ctx.header("HX-Reswap", "none");
                ctx.status(HttpStatus.BAD_REQUEST).contentType("text/plain; charset=utf-8").result(e.getMessage());
            }
        });
        cfg.routes.exception(Forbidden.class, (e, ctx) -> ctx.status(HttpStatus.FORBIDDEN)
                .contentType("text/plain; charset=utf-8").result(e.getMessage()));
        cfg.routes.exception(DivergedException.class, (e, ctx) ->
                ApiController.error(ctx, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()));
    }

    /** Javalin's default texts for error statuses, replaced by ours. */
    private static void errorStatuses(JavalinConfig cfg) {
        cfg.routes.error(HttpStatus.CONTENT_TOO_LARGE, ctx -> plain(ctx, ErrorAnswers.sentence(413)));
        // a body that arrived too slowly (Jetty ends the request), or an Error no exception handler sees: no words yet
        for (HttpStatus status : new HttpStatus[] {HttpStatus.REQUEST_TIMEOUT, HttpStatus.INTERNAL_SERVER_ERROR}) {
            cfg.routes.error(status, ctx -> {
                if (ctx.resultInputStream() == null) plain(ctx, ErrorAnswers.sentence(status.getCode()));
            });
        }
        // a handler that answered 404 with its own message (an unknown lesson or share link) keeps it
        cfg.routes.error(HttpStatus.NOT_FOUND, ctx -> {
            if (ctx.attribute(App.OWN_NOT_FOUND) == null) {
                plain(ctx, "There is no page at " + ctx.path() + ". The stepper is at /.");
            }
        });
        cfg.routes.error(HttpStatus.METHOD_NOT_ALLOWED, ctx -> plain(ctx, ctx.path() + " does not take "
                + ctx.method() + " requests."));
    }

    /** A body in a charset Java does not know, one that ends before its Content-Length, or malformed: the client's. */
    private static void unreadableRequests(JavalinConfig cfg) {
        cfg.routes.exception(UnsupportedCharsetException.class, (e, ctx) -> unreadable(ctx,
                "The request names a character set this server does not know (" + e.getCharsetName()
                        + "); send UTF-8."));
        cfg.routes.exception(IllegalCharsetNameException.class, (e, ctx) -> unreadable(ctx,
                "The request names a character set this server does not know; send UTF-8."));
        cfg.routes.exception(IOException.class, (e, ctx) -> unreadable(ctx,
                "The request could not be read to its end: the connection broke or the body arrived too slowly."));
        cfg.routes.exception(BadMessageException.class, (e, ctx) -> badMessage(ctx, e));
        cfg.routes.exception(ServletException.class, (e, ctx) -> {
            if (e.getCause() instanceof BadMessageException bad) {
                badMessage(ctx, bad);
            } else {
                unexpected(e, ctx);
            }
        });
    }

    /**
     * A request the database could not serve. Only a change can have been undone: a page view, or a visitor
     * with no experiment stored yet, is told the database is away, not that their change was lost.
     */
    private static void databaseDown(StorageException e, Context ctx) {
        LOG.error("Database failure on {} {}", ctx.method(), ctx.path(), e);
        boolean change = ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD
                && ctx.attribute(Sessions.NEW_SESSION) == null;
        String message = change
                ? "Your last change could not be saved because the database is unavailable, so it was undone: "
                        + "your experiment is back at its last saved step. Please try again in a moment."
                : "The database is unavailable right now, so your experiment cannot be opened. Nothing saved "
                        + "is lost; please try again in a moment.";
        if (ctx.path().startsWith("/api/")) {
            ApiController.error(ctx, HttpStatus.SERVICE_UNAVAILABLE, message);
        } else {
            if (StepperController.htmx(ctx)) ctx.header("HX-Reswap", "none");
            ctx.status(HttpStatus.SERVICE_UNAVAILABLE).contentType("text/plain; charset=utf-8").result(message);
        }
    }

    private static void unexpected(Exception e, Context ctx) {
        LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
        if (ctx.path().startsWith("/api/")) {
            ApiController.error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the server log has details");
        } else {
            ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType("text/plain; charset=utf-8")
                    .result("Something went wrong on the server. Your network is unchanged; please try again.");
        }
    }

    /** Jetty refused the request (too slow, a form too large, malformed): its status, with our sentence. */
    private static void badMessage(Context ctx, BadMessageException e) {
        int status = e.getCode() >= 400 && e.getCode() < 600 ? e.getCode() : 400;
        LOG.debug("Unreadable request {} {}: {}", ctx.method(), ctx.path(), e.getReason());
        ctx.status(status);
        plain(ctx, status == 400 ? "The request could not be read: its body does not match its content type, "
                + "or its headers are malformed." : ErrorAnswers.sentence(status));
    }

    private static void unreadable(Context ctx, String message) {
        LOG.debug("Unreadable request {} {}: {}", ctx.method(), ctx.path(), message);
        ctx.status(HttpStatus.BAD_REQUEST);
        plain(ctx, message);
    }

    /** Replaces Javalin's default text for an error status; a JSON API answer keeps its JSON. */
    private static void plain(Context ctx, String message) {
        if (ctx.path().startsWith("/api/")) {
            ApiController.json(ctx, ApiJson.error(message));
        } else {
            ctx.contentType("text/plain; charset=utf-8").result(message);
        }
    }
}

package netstep.web;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.JavalinStaticResourceHandler;
import io.javalin.http.staticfiles.Location;
import netstep.engine.DivergedException;
import jakarta.servlet.ServletException;
import netstep.experiment.Config;
import netstep.experiment.ConfigForm;
import netstep.experiment.Experiment;
import netstep.experiment.InvalidInput;
import netstep.experiment.TrainingPool;
import netstep.lesson.LessonLibrary;
import netstep.store.Database;
import netstep.store.ExperimentRepository;
import netstep.store.JdbcExperimentRepository;
import netstep.store.SessionStore;
import netstep.store.StorageException;
import netstep.store.StoredExperiments;
import netstep.view.StepperPage;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.MinimumDataRateHandler;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;
import org.eclipse.jetty.util.compression.DeflaterPool;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;

/** Every route in one place. {@link #create()} returns the app un-started. */
public final class App {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);
    static final long MAX_REQUEST_BYTES = 1_000_000L;
    /** How long a stop waits for requests in flight before it closes their connections. */
    static final long DRAIN_MILLIS = 10_000;

    static final int GZIP_LEVEL = 1;

    /** Set by a handler that answers 404 with a message of its own, which the generic 404 must not replace. */
    static final String OWN_NOT_FOUND = "netstep.ownNotFound";

    private App() {
    }

    public static Javalin create() {
        return create(new SessionStore(), LessonLibrary.load(), TrainingPool.withDefaults());
    }

    public static Javalin create(SessionStore store) {
        return create(store, LessonLibrary.load());
    }

    public static Javalin create(SessionStore store, TrainingPool pool) {
        return create(store, LessonLibrary.load(), pool);
    }

    public static Javalin create(SessionStore store, LessonLibrary lessons) {
        return create(store, lessons, TrainingPool.withDefaults());
    }

    /** The app with these sessions, lessons and training workers; stopping the app stops the workers. */
    public static Javalin create(SessionStore store, LessonLibrary lessons, TrainingPool pool) {
        return create(store, lessons, pool, null, Connections.DEFAULTS);
    }

    /** The app with every experiment kept in {@code database} as well (null: in memory only). */
    public static Javalin create(SessionStore store, LessonLibrary lessons, Database database) {
        return create(store, lessons, TrainingPool.withDefaults(),
                database == null ? null : new JdbcExperimentRepository(database.dataSource()), Connections.DEFAULTS);
    }

    /** The app with every experiment kept in {@code repository} as well (null: in memory only). */
    public static Javalin create(SessionStore store, LessonLibrary lessons, ExperimentRepository repository) {
        return create(store, lessons, TrainingPool.withDefaults(), repository, Connections.DEFAULTS);
    }

    /**
     * Everything: sessions, lessons, training workers (stopping the app stops them), unless null the repository
     * every experiment is stored in after each change, and how connections are served.
     */
    public static Javalin create(SessionStore store, LessonLibrary lessons, TrainingPool pool,
                                 ExperimentRepository repository, Connections connections) {
        StoredExperiments stored = repository == null ? null
                : new StoredExperiments(repository, new StoredExperimentCodec(lessons));
        Sessions sessions = new Sessions(store, stored);
        ShareController share = new ShareController(sessions, stored);
        StepperController stepper = new StepperController(sessions, lessons);
        TrainingController training = new TrainingController(sessions, pool);
        ApiController api = new ApiController(pool);
        FilesController files = new FilesController(sessions, lessons);
        DataController data = new DataController(sessions, lessons);
        LessonController lessonController = new LessonController(sessions, lessons);
        Health health = new Health(store, pool, repository);
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = MAX_REQUEST_BYTES;
            cfg.http.prefer405over404 = true;
            int threads = connections.requestThreads();
            cfg.jetty.threadPool = requestThreads(threads);
            cfg.http.compressionStrategy = CompressionStrategy.NONE; // Jetty's gzip below does it
            cfg.jetty.modifyServletContextHandler(context -> {
                context.insertHandler(gzip(threads));
                context.insertHandler(slowClients(connections));
                context.setErrorHandler(new ErrorAnswers());
            });
            cfg.jetty.modifyHttpConfiguration(http -> http.setIdleTimeout(connections.idleTimeoutSeconds() * 1000L));
            cfg.jetty.modifyServer(App::server);
            cfg.events.serverStopped(pool::close);
            cfg.events.serverStopped(health::close);

            cfg.routes.before(ctx -> {
                Security.headers(ctx);
                Security.checkSameOrigin(ctx);
            });
            // Javalin's own handler reads the files through the class loader; Jetty's (the default) mounts the whole
            // jar as a zip file system four times for each folder served: 12 MB of index kept for the four files
            cfg.resourceHandler(new JavalinStaticResourceHandler());
            cfg.staticFiles.enableWebjars();
            cfg.staticFiles.add(staticFiles -> {
                staticFiles.hostedPath = "/static";
                staticFiles.directory = "/static";
                staticFiles.location = Location.CLASSPATH;
            });

            cfg.routes.get("/", stepper::page);
            cfg.routes.post("/configure", stepper::configure);
            cfg.routes.post("/parameters", stepper::parameters);
            cfg.routes.post("/step", stepper::step);
            cfg.routes.post("/start-over", stepper::startOver);
            cfg.routes.post("/edit", stepper::edit);
            cfg.routes.post("/view/loss-scale", stepper::lossScale);
            cfg.routes.get("/history", stepper::history);
            cfg.routes.get("/history/{step}", stepper::pastStep);
            cfg.routes.post("/train", training::train);
            cfg.routes.post("/train/cancel", training::cancel);
            cfg.routes.get("/training", training::progress);
            // browsers that ignore the page's <link rel="icon"> ask for /favicon.ico
            cfg.routes.get("/favicon.ico", ctx -> ctx.redirect("/static/favicon.svg", HttpStatus.MOVED_PERMANENTLY));
            cfg.routes.get("/health", health::answer);

            cfg.routes.get("/export/experiment.json", files::experiment);
            cfg.routes.get("/export/loss.csv", files::lossHistory);
            cfg.routes.get("/export/step.md", files::workedExample);
            cfg.routes.post("/import", files::load);
            cfg.routes.post("/share", share::share);
            cfg.routes.get("/shared/{token}", share::show);
            cfg.routes.post("/shared/{token}/fork", share::fork);
            cfg.routes.post("/data/csv", data::csv);
            cfg.routes.post("/data/table", data::table);
            cfg.routes.get("/export/data.csv", data::download);

            cfg.routes.post("/lesson", lessonController::open);
            cfg.routes.get("/api/lessons", lessonController::list);
            cfg.routes.get("/api/lessons/{id}", lessonController::show);

            cfg.routes.post("/api/step", api::step);
            cfg.routes.post("/api/train", api::train);

            errors(cfg);
        });
    }

    /** Every refusal and failure as a status with a sentence in the app's words (the JSON API's in JSON). */
    private static void errors(io.javalin.config.JavalinConfig cfg) {
        cfg.routes.exception(InvalidInput.class, (e, ctx) -> {
            if (ctx.path().startsWith("/api/")) {
                ApiController.error(ctx, HttpStatus.BAD_REQUEST, e.getMessage());
            } else {
                // a message, not a fragment: htmx must not swap it over the page
                if (StepperController.htmx(ctx)) ctx.header("HX-Reswap", "none");
                ctx.status(HttpStatus.BAD_REQUEST).contentType("text/plain; charset=utf-8").result(e.getMessage());
            }
        });
        cfg.routes.error(HttpStatus.CONTENT_TOO_LARGE, ctx -> plain(ctx, ErrorAnswers.sentence(413)));
        // a body that arrived too slowly (Jetty ends the request), or an Error no exception handler sees: no words yet
        for (HttpStatus status : new HttpStatus[] {HttpStatus.REQUEST_TIMEOUT, HttpStatus.INTERNAL_SERVER_ERROR}) {
            cfg.routes.error(status, ctx -> {
                if (ctx.resultInputStream() == null) plain(ctx, ErrorAnswers.sentence(status.getCode()));
            });
        }
        // a handler that answered 404 with its own message (an unknown lesson or share link) keeps it
        cfg.routes.error(HttpStatus.NOT_FOUND, ctx -> {
            if (ctx.attribute(OWN_NOT_FOUND) == null) {
                plain(ctx, "There is no page at " + ctx.path() + ". The stepper is at /.");
            }
        });
        cfg.routes.error(HttpStatus.METHOD_NOT_ALLOWED, ctx -> plain(ctx, ctx.path() + " does not take "
                + ctx.method() + " requests."));
        // a body in a charset Java does not know, or one that ends before its Content-Length: the client's fault
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
        cfg.routes.exception(Forbidden.class, (e, ctx) -> ctx.status(HttpStatus.FORBIDDEN)
                .contentType("text/plain; charset=utf-8").result(e.getMessage()));
        cfg.routes.exception(StorageException.class, App::databaseDown);
        cfg.routes.exception(CannotRender.class, CannotRender::answer);
        cfg.routes.exception(DivergedException.class, (e, ctx) ->
                ApiController.error(ctx, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()));
        cfg.routes.exception(Exception.class, App::unexpected);
    }

    /**
     * A request the database could not serve. Only a change can have been undone: a page view, or a visitor
     * with no experiment stored yet, is told the database is away, not that their change was lost.
     */
    private static void databaseDown(StorageException e, io.javalin.http.Context ctx) {
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

    /** Jetty's own answers (bad addresses, oversized headers) in the app's words; a stop lets requests finish. */
    private static void server(Server server) {
        server.setErrorHandler(new ErrorAnswers());
        // without a stop timeout Jetty closes connections at once; with one it lets requests in flight finish
        server.setStopTimeout(DRAIN_MILLIS);
    }

    /**
     * A request body must arrive at the configured rate at least, or the request
     * is ended with 408: a client trickling its body would otherwise hold a request thread for as long as it likes
     * (40 of them trickling a byte every 150 ms held every thread and /health went unanswered).
     */
    private static MinimumDataRateHandler slowClients(Connections connections) {
        return new MinimumDataRateHandler(connections.minRequestBytesPerSecond(), 0);
    }


    /**
     * Builds and renders a default experiment once and trains a few networks, so that the first student does not
     * wait for the stepper's or the training's classes to load and their code to compile. Meant for a start-up thread; a failure only costs that head start.
     */
    public static void warmUp() {
        try {
            Experiment e = new Experiment(Config.defaults());
            StepperPage.render(e, ConfigForm.of(e.config()));
            e.wholeStep();
            StepperPage.stepFragmentsUtf8(e, new StepperPage.StepChanges(true, true, false));
            // "Train N epochs" and /api/train: untraced training, compiled before the first request needs it
            e.startTraining(3).ifPresent(run -> {
                run.run();
                e.finishTraining(run);
            });
            ApiController.warmUp();
        } catch (RuntimeException e) {
            LOG.debug("Warm-up failed", e);
        }
    }

    /**
     * A class on one wifi needs the answers compressed (100 KB of HTML shrinks to 25-29 KB). Jetty's handler reuses
     * its deflaters: Javalin's own compression made a new one for every answer, whose native buffers (about
     * 300 KB each) left the C heap fragmented, and the server's resident memory grew by 100 MB a minute under load.
     * Level 1: on two cores gzip's default level 6 costs more CPU than rendering the answer (2.5 ms against
     * 0.9 ms for a 115 KB update answer, for 24 KB instead of 29 KB).
     */
    private static GzipHandler gzip(int requestThreads) {
        GzipHandler gzip = new GzipHandler();
        gzip.setIncludedMethods("GET", "POST"); // htmx posts its clicks
        gzip.setDeflaterPool(new DeflaterPool(requestThreads, GZIP_LEVEL, true));
        return gzip;
    }

    private static QueuedThreadPool requestThreads(int max) {
        QueuedThreadPool threads = new QueuedThreadPool(max, Math.min(8, max), 60_000);
        threads.setName("netstep-http");
        return threads;
    }

    private static void unexpected(Exception e, io.javalin.http.Context ctx) {
        LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
        if (ctx.path().startsWith("/api/")) {
            ApiController.error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the server log has details");
        } else {
            ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType("text/plain; charset=utf-8")
                    .result("Something went wrong on the server. Your network is unchanged; please try again.");
        }
    }

    /** Jetty refused the request (too slow, a form too large, malformed): its status, with our sentence. */
    private static void badMessage(io.javalin.http.Context ctx, BadMessageException e) {
        int status = e.getCode() >= 400 && e.getCode() < 600 ? e.getCode() : 400;
        LOG.debug("Unreadable request {} {}: {}", ctx.method(), ctx.path(), e.getReason());
        ctx.status(status);
        plain(ctx, status == 400 ? "The request could not be read: its body does not match its content type, "
                + "or its headers are malformed." : ErrorAnswers.sentence(status));
    }

    private static void unreadable(io.javalin.http.Context ctx, String message) {
        LOG.debug("Unreadable request {} {}: {}", ctx.method(), ctx.path(), message);
        ctx.status(HttpStatus.BAD_REQUEST);
        plain(ctx, message);
    }

    /** Replaces Javalin's default text for an error status; a JSON API answer keeps its JSON. */
    private static void plain(io.javalin.http.Context ctx, String message) {
        if (ctx.path().startsWith("/api/")) {
            ApiController.json(ctx, ApiJson.error(message));
        } else {
            ctx.contentType("text/plain; charset=utf-8").result(message);
        }
    }
}

package netstep.web;

import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import netstep.engine.DivergedException;
import netstep.engine.MatrixProducts;
import netstep.experiment.InvalidInput;
import netstep.lesson.LessonLibrary;
import netstep.store.Database;
import netstep.store.ExperimentRepository;
import netstep.store.JdbcExperimentRepository;
import netstep.store.SessionStore;
import netstep.store.StorageException;
import netstep.store.StoredExperiments;
import netstep.view.StepperPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every route in one place. {@link #create()} returns the app un-started. */
public final class App {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private App() {
    }

    public static Javalin create() {
        return create(new SessionStore());
    }

    public static Javalin create(SessionStore store) {
        return create(store, LessonLibrary.load());
    }

    public static Javalin create(SessionStore store, LessonLibrary lessons) {
        return create(store, lessons, (ExperimentRepository) null);
    }

    /** The app with every experiment kept in {@code database} as well (null: in memory only). */
    public static Javalin create(SessionStore store, LessonLibrary lessons, Database database) {
        return create(store, lessons, database == null ? null : new JdbcExperimentRepository(database.dataSource()));
    }

    /** The app with every experiment kept in {@code repository} as well (null: in memory only). */
    public static Javalin create(SessionStore store, LessonLibrary lessons, ExperimentRepository repository) {
        MatrixProducts.nativeAvailable(); // detect native BLAS once, at start-up, and say so if it is missing
        StoredExperiments stored = repository == null ? null
                : new StoredExperiments(repository, new StoredExperimentCodec(lessons));
        Sessions sessions = new Sessions(store, stored);
        ShareController share = new ShareController(sessions, stored);
        StepperController stepper = new StepperController(sessions);
        ApiController api = new ApiController();
        FilesController files = new FilesController(sessions);
        DataController data = new DataController(sessions);
        LessonController lessonController = new LessonController(sessions, lessons);
        StepperPage.useLessons(lessons);
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.http.maxRequestSize = 1_000_000L;
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
            cfg.routes.post("/edit", stepper::edit);
            cfg.routes.post("/view/loss-scale", stepper::lossScale);
            cfg.routes.get("/history", stepper::history);
            cfg.routes.get("/history/{step}", stepper::pastStep);

            cfg.routes.get("/export/experiment.json", files::experiment);
            cfg.routes.get("/export/loss.csv", files::lossHistory);
            cfg.routes.get("/export/step.md", files::workedExample);
            cfg.routes.post("/import", files::load);
            cfg.routes.post("/data/csv", data::csv);
            cfg.routes.post("/data/table", data::table);
            cfg.routes.get("/export/data.csv", data::download);

            cfg.routes.post("/lesson", lessonController::open);
            cfg.routes.get("/api/lessons", lessonController::list);
            cfg.routes.get("/api/lessons/{id}", lessonController::show);

            cfg.routes.post("/share", share::share);
            cfg.routes.get("/shared/{token}", share::show);
            cfg.routes.post("/shared/{token}/fork", share::fork);

            cfg.routes.post("/api/step", api::step);
            cfg.routes.post("/api/train", api::train);

            cfg.routes.exception(InvalidInput.class, (e, ctx) -> {
                if (ctx.path().startsWith("/api/")) {
                    ApiController.error(ctx, HttpStatus.BAD_REQUEST, e.getMessage());
                } else {
                    // a message, not a fragment: htmx must not swap it over the page
                    if (StepperController.htmx(ctx)) ctx.header("HX-Reswap", "none");
                    ctx.status(HttpStatus.BAD_REQUEST).contentType("text/plain; charset=utf-8").result(e.getMessage());
                }
            });
            cfg.routes.error(413, ctx -> {
                if (ctx.path().startsWith("/api/")) {
                    ApiController.error(ctx, HttpStatus.CONTENT_TOO_LARGE, "the request body is larger than 1 MB");
                }
            });
            cfg.routes.exception(StorageException.class, (e, ctx) -> {
                LOG.error("Database failure on {} {}", ctx.method(), ctx.path(), e);
                String message = "Your last change could not be saved because the database is unavailable, so it "
                        + "was undone: your experiment is back at its last saved step. Please try again in a moment.";
                if (ctx.path().startsWith("/api/")) {
                    ApiController.error(ctx, HttpStatus.SERVICE_UNAVAILABLE, message);
                } else {
                    if (StepperController.htmx(ctx)) ctx.header("HX-Reswap", "none");
                    ctx.status(HttpStatus.SERVICE_UNAVAILABLE).contentType("text/plain; charset=utf-8").result(message);
                }
            });
            cfg.routes.exception(DivergedException.class, (e, ctx) ->
                    ApiController.error(ctx, HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("Unexpected error on {} {}", ctx.method(), ctx.path(), e);
                if (ctx.path().startsWith("/api/")) {
                    ApiController.error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the server log has details");
                } else {
                    ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType("text/plain; charset=utf-8")
                            .result("Something went wrong on the server. Your network is unchanged; please try again.");
                }
            });
        });
    }
}

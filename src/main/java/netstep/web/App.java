package netstep.web;

import netstep.json.LessonParser;
import netstep.json.StoredExperimentCodec;
import netstep.json.ApiJson;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.JavalinStaticResourceHandler;
import io.javalin.http.staticfiles.Location;
import netstep.experiment.Config;
import netstep.experiment.ConfigForm;
import netstep.experiment.Experiment;
import netstep.experiment.TrainingPool;
import netstep.json.LessonParser;
import netstep.json.StoredExperimentCodec;
import netstep.lesson.LessonLibrary;
import netstep.store.ExperimentRepository;
import netstep.store.SessionStore;
import netstep.classroom.Classroom;
import netstep.classroom.MemoryClassRepository;
import java.time.Clock;
import netstep.store.StoredExperiments;
import netstep.view.StepperPage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every route in one place. {@link #create()} returns the app un-started. */
public final class App {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);
    static final long MAX_REQUEST_BYTES = JettyTuning.MAX_REQUEST_BYTES;

    /** Set by a handler that answers 404 with a message of its own, which the generic 404 must not replace. */
    static final String OWN_NOT_FOUND = "netstep.ownNotFound";

    private App() {
    }

    /** The packaged lessons, experiments in memory only, the default training workers and connections. */
    public static Javalin create() {
        return create(new SessionStore(), LessonParser.library(null), null);
    }

    /** The app with these sessions and lessons, every experiment also kept in {@code repository} unless null. */
    public static Javalin create(SessionStore store, LessonLibrary lessons, ExperimentRepository repository) {
        return create(store, lessons, TrainingPool.withDefaults(), repository, Connections.DEFAULTS);
    }

    /**
     * Everything: sessions, lessons, training workers (stopping the app stops them), unless null the repository
     * every experiment is stored in after each change, and how connections are served.
     */
    public static Javalin create(SessionStore store, LessonLibrary lessons, TrainingPool pool,
                                 ExperimentRepository repository, Connections connections) {
        return create(store, lessons, pool, repository, connections,
                new Classroom(new MemoryClassRepository(), null, Clock.systemUTC()));
    }

    /** Everything, with class mode ({@code classroom}, off when it has no instructor password). */
    public static Javalin create(SessionStore store, LessonLibrary lessons, TrainingPool pool,
                                 ExperimentRepository repository, Connections connections, Classroom classroom) {
        StoredExperiments stored = repository == null ? null
                : new StoredExperiments(repository, new StoredExperimentCodec(lessons));
        Sessions sessions = new Sessions(store, stored);
        StepperPage.Site site = new StepperPage.Site(lessons, classroom.enabled());
        Controllers controllers = new Controllers(new StepperController(sessions, site),
                new TrainingController(sessions, pool), new FilesController(sessions, site),
                new ShareController(sessions, stored), new DataController(sessions, site),
                new LessonController(sessions, site), new ApiController(pool), new Health(store, pool, repository),
                new QuestionController(sessions, classroom), new ClassController(sessions, classroom, lessons),
                new TeachController(classroom, lessons));
        return Javalin.create(cfg -> {
            JettyTuning.apply(cfg, connections);
            cfg.events.serverStopped(pool::close);
            cfg.events.serverStopped(controllers.health()::close);
            cfg.routes.before(Security::check);
            staticFiles(cfg);
            routes(cfg, controllers);
            ExceptionMappers.register(cfg);
        });
    }

    private record Controllers(StepperController stepper, TrainingController training, FilesController files,
                               ShareController share, DataController data, LessonController lesson,
                               ApiController api, Health health, QuestionController questions,
                               ClassController classes, TeachController teach) {
    }

    /** Every route: the stepper's, training, files, sharing, data, lessons and the JSON API. */
    private static void routes(JavalinConfig cfg, Controllers c) {
        cfg.routes.get("/", c.stepper()::page);
        cfg.routes.post("/configure", c.stepper()::configure);
        cfg.routes.post("/parameters", c.stepper()::parameters);
        cfg.routes.post("/step", c.stepper()::step);
        cfg.routes.post("/start-over", c.stepper()::startOver);
        cfg.routes.post("/edit", c.stepper()::edit);
        cfg.routes.post("/view/loss-scale", c.stepper()::lossScale);
        cfg.routes.post("/view/digits", c.stepper()::digits);
        cfg.routes.get("/history", c.stepper()::history);
        cfg.routes.get("/weights", c.stepper()::weights);
        cfg.routes.get("/loss-chart", c.stepper()::lossChartPanel);
        cfg.routes.get("/computes", c.stepper()::computesPanel);
        cfg.routes.get("/history/{step}", c.stepper()::pastStep);
        cfg.routes.get("/trace/{step}/{part}", c.stepper()::tracePart);
        cfg.routes.get("/batch/sample", c.stepper()::batchSample);
        cfg.routes.post("/batch/sample", c.stepper()::batchSample);
        cfg.routes.post("/train", c.training()::train);
        cfg.routes.post("/train/cancel", c.training()::cancel);
        cfg.routes.get("/training", c.training()::progress);
        // browsers that ignore the page's <link rel="icon"> ask for /favicon.ico
        cfg.routes.get("/favicon.ico", ctx -> ctx.redirect("/static/favicon.svg", HttpStatus.MOVED_PERMANENTLY));
        cfg.routes.get("/health", c.health()::answer);

        cfg.routes.get("/export/experiment.json", c.files()::experiment);
        cfg.routes.get("/export/loss.csv", c.files()::lossHistory);
        cfg.routes.get("/export/step.md", c.files()::workedExample);
        cfg.routes.post("/import", c.files()::load);
        cfg.routes.post("/share", c.share()::share);
        cfg.routes.get("/shared/{token}", c.share()::show);
        cfg.routes.post("/shared/{token}/fork", c.share()::fork);
        cfg.routes.post("/data/csv", c.data()::csv);
        cfg.routes.post("/data/table", c.data()::table);
        cfg.routes.get("/export/data.csv", c.data()::download);

        cfg.routes.post("/lesson", c.lesson()::open);
        cfg.routes.get("/api/lessons", c.lesson()::list);
        cfg.routes.get("/api/lessons/{id}", c.lesson()::show);
        classMode(cfg, c);
        cfg.routes.post("/api/step", c.api()::step);
        cfg.routes.post("/api/train", c.api()::train);
    }

    /** Class mode: a student's answers and membership, and the instructor's /teach pages. */
    private static void classMode(JavalinConfig cfg, Controllers c) {
        cfg.routes.post("/answer", c.questions()::answer);
        cfg.routes.get("/join", c.classes()::joinPage);
        cfg.routes.get("/join/{code}", c.classes()::joinPage);
        cfg.routes.post("/join", c.classes()::join);
        cfg.routes.post("/class/leave", c.classes()::leave);
        cfg.routes.get("/class/status", c.classes()::status);
        cfg.routes.get("/teach", c.teach()::home);
        cfg.routes.post("/teach/sign-in", c.teach()::signIn);
        cfg.routes.post("/teach/sign-out", c.teach()::signOut);
        cfg.routes.post("/teach/open", c.teach()::open);
        cfg.routes.get("/teach/class", c.teach()::find);
        cfg.routes.get("/teach/class/{code}", c.teach()::classPage);
        cfg.routes.get("/teach/class/{code}/dashboard", c.teach()::dashboardFragment);
        cfg.routes.post("/teach/class/{code}/send", c.teach()::send);
        cfg.routes.post("/teach/class/{code}/reveal", c.teach()::reveal);
        cfg.routes.post("/teach/class/{code}/close", c.teach()::close);
        cfg.routes.get("/teach/class/{code}/answers.csv", c.teach()::answersCsv);
    }

    /** /static from the jar, and the htmx webjar. */
    private static void staticFiles(JavalinConfig cfg) {
        // Javalin's own handler reads the files through the class loader; Jetty's (the default) mounts the whole jar
        // as a zip file system four times for each folder served
        cfg.resourceHandler(new JavalinStaticResourceHandler());
        cfg.staticFiles.enableWebjars();
        cfg.staticFiles.add(staticFiles -> {
            staticFiles.hostedPath = "/static";
            staticFiles.directory = "/static";
            staticFiles.location = Location.CLASSPATH;
        });
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
}

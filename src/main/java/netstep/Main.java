package netstep;

import netstep.json.LessonParser;
import io.javalin.Javalin;
import netstep.engine.MatrixProducts;
import netstep.experiment.TrainingPool;
import netstep.classroom.Classroom;
import netstep.store.Database;
import netstep.store.JdbcClassRepository;
import netstep.store.JdbcExperimentRepository;
import netstep.store.Retention;
import netstep.store.SessionStore;
import netstep.web.App;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts the server with the {@link Settings} of the environment: on $PORT (default 7070), keeping experiments in
 * PostgreSQL when $DATABASE_URL is set and in an embedded database under ./data ($NETSTEP_DATA_DIR) otherwise.
 * SIGTERM drains the requests in flight, then it exits.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        Settings settings = Settings.fromEnvironment();
        if (settings.javaMatrixProducts()) MatrixProducts.useJavaOnly();
        // start-up work that does not depend on each other runs side by side: the database is opened (pool and
        // migration) and the page's code is loaded and compiled once while the web server is being built
        ExecutorService startUp = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "netstep-start-up");
            thread.setDaemon(true);
            return thread;
        });
        CompletableFuture<Database> opening = CompletableFuture.supplyAsync(
                () -> Database.open(settings.databaseUrl(), settings.dataDirectory()), startUp);
        startUp.execute(() -> {
            NativeCopies.deleteStale(); // before jblas makes its own copy, which must not be taken for an old one
            MatrixProducts.nativeAvailable(); // loading jblas's native library takes a few hundred ms
        });
        startUp.execute(App::warmUp);
        startUp.shutdown();
        Retention retention = settings.retention();
        JdbcExperimentRepository repository = new JdbcExperimentRepository(() -> opening.join().dataSource());
        JdbcClassRepository classes = new JdbcClassRepository(() -> opening.join().dataSource());
        Javalin app = App.create(new SessionStore(settings.sessions()), LessonParser.library(settings.lessonsFolder()),
                        new TrainingPool(settings.trainingWorkers(), settings.trainingQueue()), repository,
                        settings.connections(), new Classroom(classes, settings.instructorPassword(), Clock.systemUTC()))
                .start(settings.port());
        Database database;
        try {
            database = opening.join();
        } catch (CompletionException failed) {
            LOG.error("The database cannot be opened, so the server stops: {}", failed.getCause().getMessage());
            app.stop();
            System.exit(1);
            return;
        }
        LOG.info("Experiments are stored in {}; unchanged for {} days they are deleted, share links after {} days",
                database.description(), retention.experiments().toDays(), retention.shares().toDays());
        retention.everyHour(repository, classes);
        LOG.info(settings.instructorPassword() == null ? "Class mode is off: set NETSTEP_INSTRUCTOR_PASSWORD to turn it on"
                : "Class mode is on: the instructor signs in at /teach");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutting down: finishing the requests in flight");
            app.stop();
            database.close();
            LOG.info("netstep stopped cleanly");
        }, "shutdown"));
    }
}

package netstep;

import io.javalin.Javalin;
import netstep.experiment.TrainingPool;
import netstep.lesson.LessonLibrary;
import netstep.store.Database;
import netstep.store.JdbcExperimentRepository;
import netstep.store.SessionStore;
import netstep.web.App;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the server on $PORT (default 7070), keeping experiments in PostgreSQL when $DATABASE_URL is set and
 * in an embedded database under ./data ($NETSTEP_DATA_DIR) otherwise. SIGTERM drains the requests in flight,
 * then it exits.
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        String port = System.getenv("PORT");
        Database database = Database.fromEnvironment();
        LOG.info("Experiments are stored in {}", database.description());
        Javalin app = App.create(new SessionStore(SessionStore.Limits.fromEnvironment()), LessonLibrary.load(),
                        TrainingPool.fromEnvironment(), new JdbcExperimentRepository(database.dataSource()))
                .start(port == null || port.isBlank() ? 7070 : Integer.parseInt(port.trim()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutting down: finishing the requests in flight");
            app.stop();
            database.close();
            LOG.info("netstep stopped cleanly");
        }, "shutdown"));
    }
}

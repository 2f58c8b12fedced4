package netstep;

import netstep.lesson.LessonLibrary;
import netstep.store.Database;
import netstep.store.SessionStore;
import netstep.web.App;
import org.slf4j.LoggerFactory;

/**
 * Starts the server on $PORT (default 7070), keeping experiments in PostgreSQL when $DATABASE_URL is set and
 * in an embedded database under ./data ($NETSTEP_DATA_DIR) otherwise.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        String port = System.getenv("PORT");
        Database database = Database.fromEnvironment();
        LoggerFactory.getLogger(Main.class).info("Experiments are stored in {}", database.description());
        App.create(new SessionStore(), LessonLibrary.load(), database)
                .start(port == null || port.isBlank() ? 7070 : Integer.parseInt(port.trim()));
    }
}

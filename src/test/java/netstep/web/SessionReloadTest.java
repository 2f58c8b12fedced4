package netstep.web;

import netstep.json.LessonParser;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import netstep.experiment.TrainingPool;
import netstep.store.Database;
import netstep.store.JdbcExperimentRepository;
import netstep.store.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A session this server closed and brought back from the database says so, as an ended one does. */
class SessionReloadTest {
    @Test
    void anEvictedSessionComesBackFromTheDatabaseWithTheEndedMessageAndItsSteps(@TempDir Path dataDir) throws Exception {
        try (Database database = Database.embedded(dataDir)) {
            SessionStore store = new SessionStore(new SessionStore.Limits(1, Duration.ofMinutes(60)));
            Javalin app = App.create(store, LessonParser.library(null), new TrainingPool(1, 2),
                    new JdbcExperimentRepository(database.dataSource()), Connections.DEFAULTS).start("127.0.0.1", 0);
            try {
                WebClient student = new WebClient(app.port());
                student.get("/");
                StoredExperimentsHttpTest.steps(student, 2);
                JsonNode before = StoredExperimentsHttpTest.export(student);

                new WebClient(app.port()).get("/"); // a second browser takes the only place: the first is evicted

                HttpResponse<String> click = student.postForm("/step", Map.of("action", "whole"), true);
                assertEquals(200, click.statusCode());
                assertTrue(click.body().contains("Your session had ended on the server"), click.body());
                assertEquals(before, StoredExperimentsHttpTest.export(student),
                        "the experiment is back at its stored step, and the click meant for the old page was not applied");

                HttpResponse<String> next = student.postForm("/step", Map.of("action", "whole"), true);
                assertFalse(next.body().contains("Your session had ended"), "said once");
                assertEquals(before.get("steps").asInt() + 1,
                        StoredExperimentsHttpTest.export(student).get("steps").asInt(), "the next click works");
            } finally {
                app.stop();
            }
        }
    }
}

package netstep.web;

import netstep.classroom.ClassRepository;
import netstep.classroom.Classroom;
import netstep.store.Database;
import netstep.store.JdbcClassRepository;
import netstep.store.JdbcExperimentRepository;
import netstep.store.Retention;
import netstep.store.SessionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Classes in the database: a restart with a class open keeps its members and answers (H2 and PostgreSQL), two
 * servers on one database serve one class, and the retention deletes old classes.
 */
class ClassStorageTest {
    private static final String PASSWORD = ClassModeHttpTest.PASSWORD;
    private static final String LESSON = ClassModeHttpTest.LESSON;

    private static TestServer server(Database db) {
        return new TestServer(new Classroom(new JdbcClassRepository(db.dataSource()), PASSWORD, Clock.systemUTC()),
                new JdbcExperimentRepository(db.dataSource()));
    }

    @Test
    void aRestartOnH2KeepsTheClass(@TempDir Path dir) {
        restartKeepsTheClass(() -> Database.embedded(dir));
    }

    @Test
    void aRestartOnPostgresKeepsTheClass() {
        String url = PostgresForTests.urlOrSkip();
        try (Database db = Database.postgres(url); Connection c = db.dataSource().getConnection();
             Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM class_answers");
            s.executeUpdate("DELETE FROM class_members");
            s.executeUpdate("DELETE FROM classes");
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
        restartKeepsTheClass(() -> Database.postgres(url));
    }

    private void restartKeepsTheClass(java.util.function.Supplier<Database> open) {
        String code;
        String adaCookie;
        try (Database db = open.get(); TestServer server = server(db)) {
            TestServer.Browser teacher = ClassModeHttpTest.instructor(server);
            code = ClassModeHttpTest.openClass(teacher);
            teacher.post("/teach/class/" + code + "/send", "lesson", LESSON);
            TestServer.Browser ada = server.browser();
            adaCookie = ada.cookie;
            ada.post("/join", "code", code, "name", "Ada", "follow", "on");
            ada.htmxGet("/class/status");
            ada.htmx("/step", "action", "next");
            ada.htmx("/step", "action", "next");
            // her class line while she is asked: the dashboard shows where she is (the phase column once refused it)
            assertEquals(200, ada.htmxGet("/class/status").statusCode());
            assertTrue(teacher.htmxGet("/teach/class/" + code + "/dashboard").body()
                    .contains("predicting before Forward pass"));
            double yHat = ada.<Double>inspect(e -> e.trace().orElseThrow().forward().get(0).a().get(0));
            HttpResponse<String> answered = ada.htmx("/answer", "action", "answer", "question", "1", "answer",
                    Double.toString(yHat));
            assertEquals(200, answered.statusCode());
            assertEquals("1 of 1", WebClient.text(answered.body(), "quiz-score"));
        }
        // a new server on the same database: the instructor signs in again, the student comes back with her cookie
        try (Database db = open.get(); TestServer server = server(db)) {
            TestServer.Browser teacher = ClassModeHttpTest.instructor(server);
            String dashboard = teacher.htmxGet("/teach/class/" + code + "/dashboard").body();
            assertEquals("1", WebClient.text(dashboard, "student-count"));
            assertTrue(WebClient.text(dashboard, "question-1").contains("1 of 1 answered"), dashboard);
            assertTrue(dashboard.contains("Ada"));
            TestServer.Browser ada = server.new Browser();
            ada.cookie = adaCookie;
            assertTrue(ada.htmxGet("/class/status").body().contains(code), "still in the class");
            assertTrue(teacher.get("/teach/class/" + code + "/answers.csv").body().contains(",Ada,"));
            // and her running score: the restart came in the middle of her step, which she takes again without
            // being asked (or counted) twice
            assertEquals("1 of 1", WebClient.text(ada.get("/").body(), "quiz-score"), "her score came back");
            ada.htmx("/step", "action", "next");
            ada.htmx("/step", "action", "next");
            assertTrue(ada.<Boolean>inspect(e -> e.awaiting().isEmpty() && e.answers().get(1).correct()),
                    "the question she answered before the restart is not asked again");
            ada.htmx("/step", "action", "next");
            ada.htmx("/step", "action", "next");
            assertEquals(Integer.valueOf(2), ada.<Integer>inspect(e -> e.awaiting().orElseThrow()));
            HttpResponse<String> skipped = ada.htmx("/answer", "action", "skip", "question", "2");
            assertEquals("1 of 2", WebClient.text(skipped.body(), "quiz-score"));
        }
    }

    @Test
    void aStudentsScoreOutsideAClassSurvivesARestart(@TempDir Path dir) {
        String cookie;
        try (Database db = Database.embedded(dir);
             TestServer server = new TestServer(new Classroom(new JdbcClassRepository(db.dataSource()), null,
                     Clock.systemUTC()), new JdbcExperimentRepository(db.dataSource()))) {
            TestServer.Browser solo = server.browser();
            cookie = solo.cookie;
            solo.post("/lesson", "lesson", LESSON);
            for (int step = 0; step < 2; step++) {
                solo.htmx("/step", "action", "next");
                solo.htmx("/step", "action", "next");
                solo.htmx("/answer", "action", "skip", "question", "1");
                solo.htmx("/step", "action", "update"); // stops at the sign
                solo.htmx("/answer", "action", "answer", "question", "2", "answer", "+");
                solo.htmx("/step", "action", "next"); // the weight after the update
                assertEquals(200, solo.htmx("/answer", "action", "skip", "question", "0").statusCode());
            }
            assertEquals(6, solo.<Integer>inspect(e -> e.scoreAsked()));
        }
        try (Database db = Database.embedded(dir);
             TestServer server = new TestServer(new Classroom(new JdbcClassRepository(db.dataSource()), null,
                     Clock.systemUTC()), new JdbcExperimentRepository(db.dataSource()))) {
            TestServer.Browser solo = server.new Browser();
            solo.cookie = cookie;
            String score = WebClient.text(solo.get("/").body(), "quiz-score");
            assertTrue(score.endsWith(" of 6"), score);
            assertEquals(2, solo.<Integer>inspect(e -> e.steps()), "the two steps came back too");
        }
    }

    @Test
    void twoServersOnOneDatabaseServeOneClass() {
        String url = PostgresForTests.urlOrSkip();
        try (Database one = Database.postgres(url); Database two = Database.postgres(url);
             TestServer a = server(one); TestServer b = server(two)) {
            TestServer.Browser teacherOnA = ClassModeHttpTest.instructor(a);
            String code = ClassModeHttpTest.openClass(teacherOnA);
            // the instructor's sign-in holds on the other server too: it is in the database
            TestServer.Browser teacherOnB = b.new Browser();
            teacherOnB.cookie = teacherOnA.cookie;
            assertEquals(303, teacherOnB.post("/teach/class/" + code + "/send", "lesson", LESSON).statusCode());
            TestServer.Browser student = b.browser();
            student.post("/join", "code", code, "name", "Bea", "follow", "on");
            student.htmxGet("/class/status");
            student.htmx("/step", "action", "next");
            student.htmx("/step", "action", "next");
            assertEquals(200, student.htmx("/answer", "action", "answer", "question", "1", "answer", "2").statusCode());
            String dashboard = teacherOnA.htmxGet("/teach/class/" + code + "/dashboard").body();
            assertTrue(WebClient.text(dashboard, "question-1").contains("1 of 1 answered"), dashboard);
            assertTrue(dashboard.contains("Bea"));
        }
    }

    @Test
    void theRetentionDeletesClassesUntouchedAsLongAsExperimentsAreKept(@TempDir Path dir) {
        try (Database db = Database.embedded(dir)) {
            JdbcClassRepository repo = new JdbcClassRepository(db.dataSource());
            Instant long_ago = Instant.parse("2026-01-01T00:00:00Z");
            assertTrue(repo.open("ABCDEF", long_ago));
            repo.join("ABCDEF", "s1", "Old", false, long_ago);
            Instant recently = Instant.parse("2026-03-01T00:00:00Z");
            assertTrue(repo.open("GHJKMN", recently));
            ClassRepository.Member m = repo.join("GHJKMN", "s2", "New", false, recently);
            repo.answer(new ClassRepository.AnswerRow(m.memberId(), "GHJKMN", LESSON, 0, 1, "+", null, true, recently));
            Retention retention = Retention.ofDays(30, 180, new SessionStore.Limits(300, Duration.ofMinutes(60)));
            int gone = retention.apply(repo, Clock.fixed(recently.plus(Duration.ofDays(10)), ZoneOffset.UTC));
            assertEquals(1, gone);
            assertTrue(repo.find("ABCDEF").isEmpty());
            assertTrue(repo.members("ABCDEF").isEmpty());
            assertEquals(1, repo.answers("GHJKMN", null).size(), "the recent class keeps its answers");
        }
    }
}

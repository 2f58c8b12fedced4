package netstep.web;

import netstep.classroom.ClassRepository;
import netstep.classroom.Classroom;
import netstep.classroom.JoinCode;
import netstep.classroom.MemoryClassRepository;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** Class mode through HTTP: sign-in, a class from opening to the CSV, and every instructor route refused to others. */
class ClassModeHttpTest {
    static final String PASSWORD = "correct horse battery staple";
    static final String LESSON = "01-perceptron-y-equals-wx";

    static TestServer.Browser instructor(TestServer server) {
        TestServer.Browser teacher = server.new Browser();
        HttpResponse<String> signedIn = teacher.post("/teach/sign-in", "password", PASSWORD);
        assertEquals(303, signedIn.statusCode(), signedIn.body());
        String cookie = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(TeachController.COOKIE + "=")).findFirst().orElseThrow();
        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        teacher.cookie = cookie.split(";")[0];
        return teacher;
    }

    static String openClass(TestServer.Browser teacher) {
        HttpResponse<String> opened = teacher.post("/teach/open");
        assertEquals(303, opened.statusCode());
        String location = opened.headers().firstValue("Location").orElseThrow();
        String code = location.substring(location.lastIndexOf('/') + 1);
        assertEquals(code, JoinCode.normalise(code).orElseThrow());
        return code;
    }

    /** A server in class mode with a class open and the lesson sent: the start of the tests of who may do what. */
    private static final class OpenClass implements AutoCloseable {
        final MemoryClassRepository repo = new MemoryClassRepository();
        final TestServer server = new TestServer(new Classroom(repo, PASSWORD, Clock.systemUTC()), null);
        final TestServer.Browser teacher = instructor(server);
        final String code = openClass(teacher);

        OpenClass() {
            teacher.post("/teach/class/" + code + "/send", "lesson", LESSON);
        }

        @Override
        public void close() {
            server.close();
        }
    }

    private static OpenClass openClassWithLesson() {
        return new OpenClass();
    }

    @Test
    void withoutAPasswordClassModeIsOffAndSaysHowToTurnItOn() {
        try (TestServer server = new TestServer()) {
            TestServer.Browser b = server.browser();
            HttpResponse<String> teach = b.get("/teach");
            assertEquals(200, teach.statusCode());
            assertTrue(teach.body().contains("NETSTEP_INSTRUCTOR_PASSWORD"));
            assertEquals(404, b.post("/teach/sign-in", "password", "anything").statusCode());
            assertEquals(401, b.post("/teach/open").statusCode());
            assertFalse(b.get("/").body().contains("class-status"), "no class line polls without class mode");
        }
    }

    @Test
    void wrongPasswordsAreRateLimitedAndOnlyTheServerMakesAnInstructor() {
        Classroom classroom = new Classroom(new MemoryClassRepository(), PASSWORD, Clock.systemUTC());
        try (TestServer server = new TestServer(classroom, null)) {
            TestServer.Browser b = server.browser();
            assertTrue(b.get("/teach").body().contains("teach-password"), "the sign-in form");
            for (int i = 0; i < Classroom.FAILURES_PER_CLIENT; i++) {
                assertEquals(401, b.post("/teach/sign-in", "password", "guess " + i).statusCode());
            }
            HttpResponse<String> limited = b.post("/teach/sign-in", "password", PASSWORD);
            assertEquals(429, limited.statusCode(), "even the right password waits once the limit is reached");
            assertFalse(limited.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("netstep_teach")));
            // a cookie the browser makes up is no instructor's
            TestServer.Browser forger = server.new Browser();
            forger.cookie = TeachController.COOKIE + "=" + "ab".repeat(32);
            assertEquals(401, forger.post("/teach/open").statusCode());
            assertTrue(forger.get("/teach").body().contains("teach-password"));
        }
    }

    @Test
    void aClassFromOpeningToTheExport() {
        Classroom classroom = new Classroom(new MemoryClassRepository(), PASSWORD, Clock.systemUTC());
        try (TestServer server = new TestServer(classroom, null)) {
            TestServer.Browser teacher = instructor(server);
            String code = openClass(teacher);
            String page = teacher.get("/teach/class/" + code).body();
            assertEquals(code, WebClient.text(page, "join-code-big"));
            assertTrue(WebClient.hasId(page, "join-qr"), "the QR code of the link");
            assertTrue(WebClient.text(page, "join-link").endsWith("/join/" + code));
            assertEquals("every 2s", WebClient.attribute(page, "dashboard", "hx-trigger"),
                    "the dashboard polls every 2 s, as the load test measures it");

            TestServer.Browser ada = server.browser();
            TestServer.Browser bob = server.browser();
            assertTrue(ada.get("/join/" + code.toLowerCase()).body().contains("value=\"" + code + "\""));
            assertEquals(303, ada.post("/join", "code", code.toLowerCase(), "name", "Ada", "follow", "on").statusCode());
            assertEquals(303, bob.post("/join", "code", code, "name", "=HYPERLINK(\"x\")").statusCode());
            assertEquals(404, server.browser().post("/join", "code", "ZZZZZZ").statusCode(), "no such class");
            assertTrue(ada.get("/").body().contains("class-status"), "the class line polls");
            String status = ada.htmxGet("/class/status").body();
            assertTrue(status.contains(code) && status.contains("Ada") && !status.contains("HYPERLINK"),
                    "a student sees their own name only");

            assertEquals(303, teacher.post("/teach/class/" + code + "/send", "lesson", LESSON).statusCode());
            // Ada follows at once; Bob is offered the lesson
            HttpResponse<String> adaPoll = ada.htmxGet("/class/status");
            assertEquals("true", adaPoll.headers().firstValue("HX-Refresh").orElse(""));
            assertEquals(LESSON, ada.<String>inspect(e -> e.tailoring().orElseThrow().lessonId()));
            assertTrue(WebClient.hasId(bob.htmxGet("/class/status").body(), "open-sent-lesson"));
            assertEquals(303, bob.post("/lesson", "lesson", LESSON).statusCode());

            // both step to the first question (ŷ before the forward pass) and answer differently
            for (TestServer.Browser s : List.of(ada, bob)) {
                s.htmx("/step", "action", "next");
                s.htmx("/step", "action", "next");
                assertEquals(Integer.valueOf(1), s.<Integer>inspect(e -> e.awaiting().orElseThrow()));
            }
            double right = ada.<Double>inspect(e -> e.trace().orElseThrow().forward().get(0).a().get(0));
            assertEquals(200, ada.htmx("/answer", "action", "answer", "question", "1", "answer",
                    Double.toString(right)).statusCode());
            assertEquals(200, bob.htmx("/answer", "action", "answer", "question", "1", "answer", "42").statusCode());
            String dashboard = teacher.htmxGet("/teach/class/" + code + "/dashboard").body();
            assertEquals("2", WebClient.text(dashboard, "student-count"));
            assertTrue(WebClient.text(dashboard, "question-1").contains("2 of 2 answered"), dashboard);
            assertTrue(WebClient.hasId(dashboard, "distribution-1"), "the histogram of the answers");
            assertTrue(dashboard.contains("Ada"), "names are shown to the instructor");

            // the reveal: a student still asked the question sees the phase
            for (TestServer.Browser s : List.of(ada, bob)) {
                s.htmx("/step", "action", "next"); // the loss
                s.htmx("/step", "action", "next"); // the sign of dL/dw is asked before backpropagation
            }
            assertEquals(Integer.valueOf(2), ada.<Integer>inspect(e -> e.awaiting().orElseThrow()), "Ada is asked the sign before backprop");
            assertEquals(200, teacher.htmx("/teach/class/" + code + "/reveal", "question", "2").statusCode());
            assertEquals("true", ada.htmxGet("/class/status").headers().firstValue("HX-Refresh").orElse(""));
            assertTrue(ada.<Boolean>inspect(e -> e.awaiting().isEmpty() && e.phase().id.equals("backward")));
            // Ada sees the right sign beside "not answered", and the reveal is not counted as her skip
            String adaPage = ada.get("/").body();
            assertTrue(WebClient.text(adaPage, "quiz-result-2").contains("not answered (revealed by your instructor)"),
                    WebClient.text(adaPage, "quiz-result-2"));
            assertTrue(WebClient.text(adaPage, "quiz-result-2").contains("Right: "));
            assertEquals("1 of 1", WebClient.text(adaPage, "quiz-score"), "her one answer, right; the reveal is outside");

            HttpResponse<String> csv = teacher.get("/teach/class/" + code + "/answers.csv");
            assertEquals(200, csv.statusCode());
            assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"));
            String text = csv.body();
            assertTrue(text.startsWith("student,name,lesson,question,prompt,step,answer,correct,answered_at"), text);
            assertTrue(text.contains(",Ada,") && text.contains(",42,false,"), text);
            assertTrue(text.contains("'=HYPERLINK"), "a name a spreadsheet would run as a formula is quoted: " + text);

            // leaving, then closing ends the class for everyone
            assertEquals(303, bob.post("/class/leave").statusCode());
            assertEquals("1", WebClient.text(teacher.htmxGet("/teach/class/" + code + "/dashboard").body(),
                    "student-count"));
            assertEquals(303, teacher.post("/teach/class/" + code + "/close").statusCode());
            assertFalse(ada.htmxGet("/class/status").body().contains(code));
            assertEquals(404, server.browser().post("/join", "code", code).statusCode());
        }
    }

    @Test
    void everyInstructorRouteRefusesAStudentAndNobodyAndChangesNothing() {
        try (OpenClass c = openClassWithLesson()) {
            TestServer.Browser student = c.server.browser();
            student.post("/join", "code", c.code, "name", "Eve");
            student.htmx("/step", "action", "next");
            student.htmx("/step", "action", "next"); // not in the lesson: no question asked
            ClassRepository.ClassState before = c.repo.find(c.code).orElseThrow();
            int answersBefore = c.repo.answers(c.code, null).size();
            TestServer.Browser nobody = c.server.new Browser();
            String[][] routes = {
                    {"POST", "/teach/open"}, {"GET", "/teach/class?c.code=" + c.code}, {"GET", "/teach/class/" + c.code},
                    {"GET", "/teach/class/" + c.code + "/dashboard"}, {"POST", "/teach/class/" + c.code + "/send"},
                    {"POST", "/teach/class/" + c.code + "/reveal"}, {"POST", "/teach/class/" + c.code + "/close"},
                    {"GET", "/teach/class/" + c.code + "/answers.csv"}};
            for (TestServer.Browser who : List.of(student, nobody)) {
                for (String[] route : routes) {
                    HttpResponse<String> r = route[0].equals("GET") ? who.get(route[1])
                            : who.htmx(route[1], "lesson", "04-xor", "question", "0");
                    assertEquals(401, r.statusCode(), route[1] + " for " + (who == student ? "a student" : "nobody"));
                    assertFalse(r.body().contains("Eve"), route[1]);
                }
            }
            assertEquals(before, c.repo.find(c.code).orElseThrow(), "the class is unchanged");
            assertEquals(answersBefore, c.repo.answers(c.code, null).size());
            assertEquals(1, c.repo.members(c.code).size());
            // another site's form is refused like every post of the site
            c.teacher.headers.put("Sec-Fetch-Site", "cross-site");
            assertEquals(403, c.teacher.post("/teach/class/" + c.code + "/close").statusCode());
            assertFalse(c.repo.find(c.code).orElseThrow().closed());
        }
    }

    /** Every class-mode form sent from another site (Sec-Fetch-Site, or an Origin of another host) is a 403 and changes nothing. */
    @Test
    void everyClassModeFormFromAnotherSiteIsRefusedAndChangesNothing() {
        try (OpenClass c = openClassWithLesson()) {
            TestServer.Browser ada = c.server.browser();
            ada.post("/join", "code", c.code, "name", "Ada", "follow", "on");
            ada.htmxGet("/class/status"); // follows into the lesson
            ada.htmx("/step", "action", "next");
            ada.htmx("/step", "action", "next");
            assertEquals(Integer.valueOf(1), ada.<Integer>inspect(e -> e.awaiting().orElseThrow()));
            TestServer.Browser newcomer = c.server.browser();
            ClassRepository.ClassState before = c.repo.find(c.code).orElseThrow();
            for (String[] forged : new String[][] {{"Sec-Fetch-Site", "cross-site"}, {"Origin", "https://evil.example"}}) {
                for (TestServer.Browser who : List.of(c.teacher, ada, newcomer)) who.headers.put(forged[0], forged[1]);
                String[][] teacherPosts = {{"/teach/open"}, {"/teach/class/" + c.code + "/send", "lesson", "04-xor"},
                        {"/teach/class/" + c.code + "/reveal", "question", "1"}, {"/teach/class/" + c.code + "/close"},
                        {"/teach/sign-in", "password", PASSWORD}, {"/teach/sign-out"}};
                for (String[] post : teacherPosts) {
                    String[] fields = java.util.Arrays.copyOfRange(post, 1, post.length);
                    HttpResponse<String> r = c.teacher.post(post[0], fields);
                    assertEquals(403, r.statusCode(), post[0] + " with " + forged[0]);
                    assertTrue(r.headers().allValues("Set-Cookie").isEmpty(), post[0] + " sets no cookie");
                }
                assertEquals(403, newcomer.post("/join", "code", c.code, "name", "Mallory").statusCode());
                assertEquals(403, ada.post("/answer", "action", "answer", "question", "1", "answer", "3").statusCode());
                assertEquals(403, ada.post("/class/leave").statusCode());
                for (TestServer.Browser who : List.of(c.teacher, ada, newcomer)) who.headers.remove(forged[0]);
            }
            assertEquals(before, c.repo.find(c.code).orElseThrow(), "the class is as it was: not closed, sent or revealed");
            assertEquals(1, c.repo.members(c.code).size(), "Ada is still in, nobody else joined");
            assertTrue(c.repo.answers(c.code, null).isEmpty(), "no answer was kept");
            assertEquals(Integer.valueOf(1), ada.<Integer>inspect(e -> e.awaiting().orElseThrow()), "still asked");
            assertEquals(200, c.teacher.htmxGet("/teach/class/" + c.code + "/dashboard").statusCode(), "still signed in");
        }
    }

    @Test
    void aStudentCannotAnswerForAnother() {
        try (OpenClass c = openClassWithLesson()) {
            TestServer.Browser ada = c.server.browser();
            TestServer.Browser mallory = c.server.browser();
            ada.post("/join", "code", c.code, "name", "Ada", "follow", "on");
            mallory.post("/join", "code", c.code, "name", "Mallory", "follow", "on");
            for (TestServer.Browser s : List.of(ada, mallory)) {
                s.htmxGet("/class/status");
                s.htmx("/step", "action", "next");
                s.htmx("/step", "action", "next");
            }
            ada.htmx("/answer", "action", "answer", "question", "1", "answer", "7");
            String adaId = c.repo.memberBySession(ada.sessionId()).orElseThrow().memberId();
            // Mallory's answer, even naming Ada's member id or session, lands on Mallory's own row only
            mallory.htmx("/answer", "action", "answer", "question", "1", "answer", "-3", "member", adaId,
                    "session", ada.sessionId());
            List<ClassRepository.AnswerRow> rows = c.repo.answers(c.code, LESSON);
            assertEquals(2, rows.size());
            assertEquals("7", rows.stream().filter(a -> a.memberId().equals(adaId)).findFirst().orElseThrow().given());
            // and nothing a student can ask for shows another's name or answer
            for (String path : List.of("/class/status", "/", "/join")) {
                String body = mallory.get(path).body();
                assertFalse(body.contains("Ada"), path);
            }
        }
    }

    static String between(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        return m.find() ? m.group(1) : "";
    }
}

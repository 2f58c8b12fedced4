package netstep.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;
import netstep.classroom.ClassRepository;
import netstep.classroom.Classroom;
import netstep.classroom.JoinCode;
import netstep.experiment.Question;
import netstep.lesson.Lesson;
import netstep.lesson.LessonLibrary;
import netstep.view.TeachPage;
import netstep.view.render.Num;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The instructor's routes under /teach. Every one but the sign-in checks the instructor's cookie against the
 * database (401 without it, whatever else the browser sends); the site's same-origin check guards the posts.
 */
final class TeachController {
    static final String COOKIE = "netstep_teach";
    private final Classroom classroom;
    private final LessonLibrary lessons;

    TeachController(Classroom classroom, LessonLibrary lessons) {
        this.classroom = classroom;
        this.lessons = lessons;
    }

    /** Thrown for a request without a signed-in instructor: 401 and nothing changed. */
    static final class NotInstructor extends RuntimeException {
        NotInstructor() {
            super("This is for the instructor: sign in at /teach.");
        }
    }

    private void requireInstructor(Context ctx) {
        if (!classroom.enabled()) throw new NotInstructor();
        if (!classroom.isInstructor(ctx.cookie(COOKIE))) throw new NotInstructor();
    }

    static void refuse(NotInstructor e, Context ctx) {
        ctx.status(HttpStatus.UNAUTHORIZED).contentType("text/plain; charset=utf-8").result(e.getMessage());
        if (StepperController.htmx(ctx)) ctx.header("HX-Reswap", "none");
    }

    /** GET /teach. */
    void home(Context ctx) {
        if (!classroom.enabled()) {
            StepperController.html(ctx, TeachPage.off());
        } else if (!classroom.isInstructor(ctx.cookie(COOKIE))) {
            StepperController.html(ctx, TeachPage.signIn(null));
        } else {
            StepperController.html(ctx, TeachPage.home());
        }
    }

    /** POST /teach/sign-in: the password; wrong ones are counted and, past a few a minute, refused unread. */
    void signIn(Context ctx) {
        String[] token = new String[1];
        Classroom.SignIn result = classroom.signIn(ctx.formParam("password"), ctx.ip(), token);
        switch (result) {
            case OFF -> {
                ctx.status(HttpStatus.NOT_FOUND);
                StepperController.html(ctx, TeachPage.off());
            }
            case TOO_MANY -> {
                ctx.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "60");
                StepperController.html(ctx, TeachPage.signIn("Too many wrong passwords: wait a minute, then try again."));
            }
            case WRONG -> {
                ctx.status(HttpStatus.UNAUTHORIZED);
                StepperController.html(ctx, TeachPage.signIn("That is not the instructor password."));
            }
            case SIGNED_IN -> {
                ctx.cookie(new Cookie(COOKIE, token[0], "/", -1, Sessions.https(ctx), true, null, SameSite.STRICT));
                ctx.redirect("/teach", HttpStatus.SEE_OTHER);
            }
        }
    }

    /** POST /teach/sign-out: forgets the cookie in this browser. */
    void signOut(Context ctx) {
        ctx.removeCookie(COOKIE, "/");
        ctx.redirect("/teach", HttpStatus.SEE_OTHER);
    }

    /** POST /teach/open. */
    void open(Context ctx) {
        requireInstructor(ctx);
        ctx.redirect("/teach/class/" + classroom.open(), HttpStatus.SEE_OTHER);
    }

    /** GET /teach/class?code=…: the class page of a typed code. */
    void find(Context ctx) {
        requireInstructor(ctx);
        String code = JoinCode.normalise(ctx.queryParam("code")).orElseThrow(() -> new BadRequest(
                "A class code has " + JoinCode.LENGTH + " letters."));
        ctx.redirect("/teach/class/" + code, HttpStatus.SEE_OTHER);
    }

    private ClassRepository.ClassState classOf(Context ctx) {
        requireInstructor(ctx);
        String code = JoinCode.normalise(ctx.pathParam("code")).orElse(null);
        ClassRepository.ClassState c = code == null ? null : classroom.repository().find(code).orElse(null);
        if (c == null) {
            ctx.attribute(App.OWN_NOT_FOUND, true);
            throw new NotFound("There is no class with the code " + ctx.pathParam("code") + ".");
        }
        return c;
    }

    /** A 404 with its own sentence. */
    static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message);
        }
    }

    /** GET /teach/class/{code}. */
    void classPage(Context ctx) {
        ClassRepository.ClassState c = classOf(ctx);
        List<TeachPage.LessonChoice> choices = new ArrayList<>();
        for (Lesson l : lessons.lessons()) choices.add(new TeachPage.LessonChoice(l.id(), l.title()));
        StepperController.html(ctx, TeachPage.classPage(c, joinLink(ctx, c.code()), choices,
                TeachPage.dashboard(dashboard(c))));
    }

    /** GET /teach/class/{code}/dashboard (htmx polls it). */
    void dashboardFragment(Context ctx) {
        StepperController.html(ctx, TeachPage.dashboard(dashboard(classOf(ctx))).render());
    }

    private TeachPage.Dashboard dashboard(ClassRepository.ClassState c) {
        ClassRepository repo = classroom.repository();
        List<ClassRepository.Member> members = repo.members(c.code());
        if (c.closed()) members = List.of();
        Lesson lesson = c.lessonId() == null ? null : lessons.lesson(c.lessonId()).orElse(null);
        List<Question> questions = lesson == null ? List.of() : lesson.questions();
        Map<Integer, List<ClassRepository.AnswerRow>> byQuestion = new LinkedHashMap<>();
        if (lesson != null) {
            for (ClassRepository.AnswerRow a : repo.answers(c.code(), lesson.id())) {
                byQuestion.computeIfAbsent(a.question(), q -> new ArrayList<>()).add(a);
            }
        }
        Map<Integer, Classroom.Distribution> answers = new LinkedHashMap<>();
        for (int q = 0; q < questions.size(); q++) {
            answers.put(q, Classroom.distribution(byQuestion.getOrDefault(q, List.of()),
                    questions.get(q).kind() == Question.Kind.NUMBER, 8, Num::compact));
        }
        Map<String, String> titles = new LinkedHashMap<>();
        for (Lesson l : lessons.lessons()) titles.put(l.id(), l.title());
        return new TeachPage.Dashboard(c, members, lesson == null ? null : lesson.title(), questions, answers, titles);
    }

    /** POST /teach/class/{code}/send: lesson. */
    void send(Context ctx) {
        ClassRepository.ClassState c = classOf(ctx);
        String id = ctx.formParam("lesson") == null ? "" : ctx.formParam("lesson").strip();
        Lesson lesson = lessons.lesson(id).orElseThrow(() -> new BadRequest("There is no lesson \"" + clip(id) + "\"."));
        classroom.repository().send(c.code(), lesson.id(), classroom.now());
        ctx.redirect("/teach/class/" + c.code(), HttpStatus.SEE_OTHER);
    }

    /** POST /teach/class/{code}/reveal: question (its index in the class's lesson). */
    void reveal(Context ctx) {
        ClassRepository.ClassState c = classOf(ctx);
        Lesson lesson = c.lessonId() == null ? null : lessons.lesson(c.lessonId()).orElse(null);
        int q;
        try {
            q = Integer.parseInt(ctx.formParam("question") == null ? "" : ctx.formParam("question").strip());
        } catch (NumberFormatException e) {
            q = -1;
        }
        if (lesson == null || q < 0 || q >= lesson.questions().size()) {
            throw new BadRequest("The class's lesson has no question " + clip(ctx.formParam("question")) + ".");
        }
        classroom.repository().reveal(c.code(), q, classroom.now());
        if (StepperController.htmx(ctx)) {
            StepperController.html(ctx, TeachPage.dashboard(dashboard(classroom.repository().find(c.code())
                    .orElseThrow())).render());
        } else {
            ctx.redirect("/teach/class/" + c.code(), HttpStatus.SEE_OTHER);
        }
    }

    /** POST /teach/class/{code}/close. */
    void close(Context ctx) {
        ClassRepository.ClassState c = classOf(ctx);
        classroom.repository().close(c.code(), classroom.now());
        ctx.redirect("/teach/class/" + c.code(), HttpStatus.SEE_OTHER);
    }

    /** GET /teach/class/{code}/answers.csv: every member's latest answer to every question, a row each. */
    void answersCsv(Context ctx) throws IOException {
        ClassRepository.ClassState c = classOf(ctx);
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        for (ClassRepository.Member m : classroom.repository().members(c.code())) {
            numbers.put(m.memberId(), numbers.size() + 1);
            names.put(m.memberId(), m.name());
        }
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader("student", "name", "lesson",
                "question", "prompt", "step", "answer", "correct", "answered_at").get())) {
            for (ClassRepository.AnswerRow a : classroom.repository().answers(c.code(), null)) {
                String prompt = lessons.lesson(a.lessonId()).filter(l -> a.question() < l.questions().size())
                        .map(l -> l.questions().get(a.question()).prompt()).orElse("");
                csv.printRecord(numbers.getOrDefault(a.memberId(), 0), cell(names.getOrDefault(a.memberId(), "")),
                        a.lessonId(), a.question() + 1, cell(prompt), a.step(),
                        a.given() == null ? "(skipped)" : cell(a.given()), a.correct(), a.at().toString());
            }
        }
        ctx.contentType("text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"netstep-class-" + c.code() + ".csv\"")
                .result(out.toString());
    }

    /** A spreadsheet must not take a typed name or answer for a formula (=, +, -, @ first). */
    static String cell(String s) {
        if (s == null || s.isEmpty()) return "";
        char first = s.charAt(0);
        boolean formula = "=+-@\t\r".indexOf(first) >= 0 && !s.matches("[+-]?[0-9.,eE+-]*");
        return formula ? "'" + s : s;
    }

    /** The link a student's phone opens: this server's own address, as the browser reached it. */
    static String joinLink(Context ctx, String code) {
        String host = ctx.header("X-Forwarded-Host");
        if (host == null || host.isBlank()) host = ctx.host();
        host = host == null ? "localhost" : host.split(",")[0].trim();
        if (!host.matches("[A-Za-z0-9.:\\[\\]-]{1,200}")) host = "localhost";
        return (Sessions.https(ctx) ? "https" : "http") + "://" + host + "/join/" + code;
    }

    private static String clip(String s) {
        if (s == null) return "";
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}

package netstep.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import netstep.classroom.ClassRepository;
import netstep.classroom.Classroom;
import netstep.classroom.JoinCode;
import netstep.experiment.Phase;
import netstep.lesson.Lesson;
import netstep.lesson.LessonLibrary;
import netstep.store.SessionStore;
import netstep.view.ClassModeView;

import java.util.Objects;

/**
 * The student's side of class mode: join by code or link, leave, and the class line's poll, which reports what the
 * student is doing to the dashboard and carries out the instructor's "open this lesson" and "reveal".
 */
final class ClassController {
    private final Sessions sessions;
    private final Classroom classroom;
    private final LessonLibrary lessons;

    ClassController(Sessions sessions, Classroom classroom, LessonLibrary lessons) {
        this.sessions = sessions;
        this.classroom = classroom;
        this.lessons = lessons;
    }

    /** GET /join and /join/{code}. */
    void joinPage(Context ctx) {
        String code = ctx.pathParamMap().containsKey("code") ? ctx.pathParam("code") : ctx.queryParam("code");
        StepperController.html(ctx, ClassModeView.joinPage(classroom.enabled(),
                code == null ? "" : JoinCode.normalise(code).orElse(""), null));
    }

    /** POST /join: code, name (optional), follow. */
    void join(Context ctx) {
        if (!classroom.enabled()) {
            ctx.status(HttpStatus.NOT_FOUND);
            StepperController.html(ctx, ClassModeView.joinPage(false, "", null));
            return;
        }
        String typed = ctx.formParam("code");
        ClassRepository.ClassState c = classroom.openClass(typed).orElse(null);
        if (c == null) {
            ctx.status(HttpStatus.NOT_FOUND);
            StepperController.html(ctx, ClassModeView.joinPage(true, typed == null ? "" : typed.strip(),
                    "No open class has the code “" + clip(typed) + "”. Check the letters on the projector."));
            return;
        }
        SessionStore.Session session = sessions.open(ctx);
        classroom.repository().join(c.code(), session.id(), Classroom.displayName(ctx.formParam("name")),
                "on".equals(ctx.formParam("follow")), classroom.now());
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    /** POST /class/leave. */
    void leave(Context ctx) {
        if (classroom.enabled()) classroom.repository().leave(sessions.open(ctx).id());
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    /**
     * GET /class/status (htmx polls it): the class line. Writes the student's progress for the dashboard when it
     * changed; follows a sent lesson at once for a student who chose to, or offers it; a reveal of the question this
     * student is being asked shows the phase.
     */
    void status(Context ctx) {
        StepperController.varyOnHtmx(ctx);
        if (!classroom.enabled()) {
            StepperController.html(ctx, ClassModeView.none().render());
            return;
        }
        SessionStore.Session session = sessions.open(ctx);
        ClassRepository repo = classroom.repository();
        ClassRepository.Member m = repo.memberBySession(session.id()).orElse(null);
        if (m == null) {
            StepperController.html(ctx, ClassModeView.none().render());
            return;
        }
        ClassRepository.ClassState c = repo.find(m.code()).orElseThrow();
        Lesson sent = c.lessonId() == null ? null : lessons.lesson(c.lessonId()).orElse(null);
        boolean[] reload = {false};
        String[] offer = {null};
        ClassRepository.Progress progress = sessions.answer(session, e -> {
            String current = e.tailoring().map(t -> t.lessonId()).orElse(null);
            if (sent != null && c.lessonSeq() > m.seenLessonSeq() && !sent.id().equals(current)) {
                if (m.follow()) {
                    Lesson.Variant v = sent.variants().get(0);
                    e.openLesson(v.config(), v.start(), sent.openOn(), sent.tailoring(0));
                    reload[0] = true;
                    current = sent.id();
                }
            }
            if (sent != null && !sent.id().equals(current) && !reload[0]) offer[0] = sent.id();
            if (c.revealSeq() > m.seenRevealSeq() && sent != null && sent.id().equals(current)
                    && e.awaiting().map(q -> q == c.revealQuestion()).orElse(false)) {
                e.reveal(); // the instructor shows the answer to everyone: the phase opens, outside the score
                reload[0] = true;
            }
            Phase phase = e.awaiting().isPresent() ? e.questions().get(e.awaiting().get()).before() : e.phase();
            String phaseName = e.awaiting().isPresent() ? "predicting before " + phase.label : phase.label;
            ClassRepository.Progress now = new ClassRepository.Progress(current, phaseName, e.steps(),
                    Classroom.lossesToStore(e.lossHistory()));
            return () -> now;
        });
        if (!Objects.equals(progress, m.progress()) || c.lessonSeq() != m.seenLessonSeq()
                || c.revealSeq() != m.seenRevealSeq()) {
            repo.progress(m.memberId(), progress, c.lessonSeq(), c.revealSeq(), classroom.now());
        }
        if (reload[0]) ctx.header("HX-Refresh", "true");
        StepperController.html(ctx, ClassModeView.inClass(m, offer[0], offer[0] == null ? null : sent.title()).render());
    }

    private static String clip(String s) {
        if (s == null) return "";
        String t = s.strip();
        return t.length() > 12 ? t.substring(0, 12) + "…" : t;
    }
}

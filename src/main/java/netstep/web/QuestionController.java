package netstep.web;

import io.javalin.http.Context;
import netstep.classroom.ClassRepository;
import netstep.classroom.Classroom;
import netstep.experiment.Phase;
import netstep.experiment.Question;
import netstep.store.SessionStore;
import netstep.view.StepperPage;

/**
 * POST /answer: the student's prediction for the question the page is asking (action=skip skips it). The answer is
 * checked against the step's trace by the experiment, the phase it came before is shown, and in a class the answer
 * is kept for the instructor's dashboard.
 */
final class QuestionController {
    private final Sessions sessions;
    private final Classroom classroom;

    QuestionController(Sessions sessions, Classroom classroom) {
        this.sessions = sessions;
        this.classroom = classroom;
    }

    private record Given(String lessonId, int question, int step, Question.Answer answer) {
    }

    void answer(Context ctx) {
        StepperController.varyOnHtmx(ctx);
        boolean skip = "skip".equals(ctx.formParam("action"));
        String typed = ctx.formParam("answer");
        if (!skip && (typed == null || typed.isBlank())) throw new BadRequest("Type your prediction, or press Skip.");
        String asked = ctx.formParam("question");
        SessionStore.Session session = sessions.open(ctx);
        Given[] given = new Given[1];
        byte[] html = sessions.answer(session, e -> {
            int q = e.awaiting().orElseThrow(() -> new BadRequest("No question is being asked right now; the page "
                    + "has moved on. Reload it to see where you are."));
            // an answer meant for another question (a second tab, a double click) must not answer this one
            if (asked != null && !asked.equals(Integer.toString(q))) {
                throw new BadRequest("That question has already been answered; reload the page.");
            }
            Phase shownBefore = e.phase();
            int step = e.steps() + 1;
            Question.Answer a = e.answer(skip ? null : typed);
            given[0] = new Given(e.tailoring().map(t -> t.lessonId()).orElse(""), q, step, a);
            if (!StepperController.htmx(ctx)) return null;
            StepperPage.StepChanges changes = new StepperPage.StepChanges(false, e.phase() == Phase.UPDATE, false,
                    shownBefore);
            return () -> StepperPage.stepFragmentsUtf8(e, changes);
        });
        keepForTheClass(session.id(), given[0]);
        StepperController.respond(ctx, html);
    }

    /** In a class whose lesson this is, the instructor's dashboard counts the answer. */
    private void keepForTheClass(String sessionId, Given g) {
        if (!classroom.enabled() || g == null || g.lessonId().isEmpty()) return;
        ClassRepository repo = classroom.repository();
        repo.memberBySession(sessionId).ifPresent(m -> {
            Question.Answer a = g.answer();
            Double number = a.question().kind() == Question.Kind.NUMBER && !a.skipped() ? a.number() : null;
            repo.answer(new ClassRepository.AnswerRow(m.memberId(), m.code(), g.lessonId(), g.question(), g.step(),
                    a.given(), number, a.correct(), classroom.now()));
        });
    }
}

package netstep.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import netstep.experiment.Experiment;
import netstep.experiment.TrainingPool;
import netstep.experiment.TrainingRun;
import netstep.store.SessionStore;
import netstep.view.StepperPage;
import netstep.view.TrainingView;

import java.util.Optional;

/**
 * "Train N epochs": the run goes to the bounded pool and the page polls {@code GET /training} for progress;
 * when the run is over the poll answers the whole workspace, which no longer polls.
 */
final class TrainingController {
    private final Sessions sessions;
    private final TrainingPool pool;

    TrainingController(Sessions sessions, TrainingPool pool) {
        this.sessions = sessions;
        this.pool = pool;
    }

    void train(Context ctx) {
        String epochsField = ctx.formParam("epochs");
        SessionStore.Session session = sessions.open(ctx);
        String html = sessions.answer(session, e -> {
            if (!session.replacesEnded()) start(ctx, session, e, epochsField);
            return StepperController.htmx(ctx) ? () -> StepperPage.workspace(e).render() : null;
        });
        StepperController.respond(ctx, html);
    }

    private void start(Context ctx, SessionStore.Session session, Experiment e, String epochsField) {
        if (e.training().isPresent()) {
            refuse(ctx, e, HttpStatus.CONFLICT, TrainingView.IN_PROGRESS);
            return;
        }
        Optional<TrainingRun> run;
        try {
            run = e.startTraining(epochs(epochsField));
        } catch (IllegalArgumentException invalid) {
            refuse(ctx, e, HttpStatus.BAD_REQUEST, invalid.getMessage());
            return;
        }
        if (run.isEmpty()) return; // finishing the step in progress diverged; the notice says so
        TrainingRun started = run.get();
        // the result is applied, and stored, under the session's lock like any request's work
        boolean queued = pool.submit(started, () -> sessions.run(session, x -> {
            x.finishTraining(started);
            return null;
        }));
        if (!queued) {
            e.abandonTraining(started);
            refuse(ctx, e, HttpStatus.TOO_MANY_REQUESTS, "The server is busy training " + pool.pending()
                    + " other networks right now. Please try again in a minute; stepping works meanwhile.");
        }
    }

    private static int epochs(String field) {
        String raw = field == null ? "" : field.strip();
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            String shown = raw.length() > 20 ? raw.substring(0, 20) + "…" : raw;
            throw new IllegalArgumentException("Epochs must be a whole number from 1 to "
                    + Experiment.MAX_TRAINING_EPOCHS + ", not \"" + shown + "\".");
        }
    }

    void cancel(Context ctx) {
        String html = sessions.with(ctx, e -> {
            e.training().ifPresent(TrainingRun::cancel);
            return StepperController.htmx(ctx) ? CannotRender.guard(e, () -> progressOrWorkspace(ctx, e)) : null;
        });
        StepperController.respond(ctx, html);
    }

    /** What the page polls: the progress while a run is under way, then once the whole workspace. */
    void progress(Context ctx) {
        StepperController.varyOnHtmx(ctx);
        ctx.header("Cache-Control", "no-store");
        String html = sessions.answer(ctx, e -> StepperController.htmx(ctx) ? () -> progressOrWorkspace(ctx, e) : null);
        StepperController.respond(ctx, html);
    }

    private static String progressOrWorkspace(Context ctx, Experiment e) {
        if (e.training().isPresent()) return TrainingView.panel(e).render();
        ctx.header("HX-Retarget", "#workspace");
        ctx.header("HX-Reswap", "outerHTML");
        return StepperPage.workspace(e).render();
    }

    static void refuse(Context ctx, Experiment e, HttpStatus status, String message) {
        ctx.status(status);
        e.tell(message);
    }
}

package netstep.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import netstep.experiment.ConfigForm;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import netstep.store.SessionStore;
import netstep.view.StepperPage;
import netstep.view.TrainingView;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The stepper page. Forms post here; htmx requests (HX-Request) get the fragment that changed,
 * plain form posts get 303 See Other back to the page (or the page with the errors, for a bad form).
 */
final class StepperController {
    private final Sessions sessions;

    StepperController(Sessions sessions) {
        this.sessions = sessions;
    }

    void page(Context ctx) {
        ctx.header("Vary", "HX-Request");
        ctx.html(sessions.with(ctx, e -> StepperPage.render(e, ConfigForm.of(e.config()))));
    }

    void configure(Context ctx) {
        ctx.header("Vary", "HX-Request");
        ConfigForm form = ConfigForm.parse(fields(ctx));
        String html = sessions.with(ctx, e -> {
            form.config().ifPresent(e::configure);
            if (form.valid() && !htmx(ctx)) return null;
            return htmx(ctx) ? StepperPage.app(e, form.valid() ? ConfigForm.of(e.config()) : form).render()
                    : StepperPage.render(e, form);
        });
        if (!form.valid()) ctx.status(HttpStatus.BAD_REQUEST);
        respond(ctx, html);
    }

    /** The live parameter count as the form is edited. */
    void parameters(Context ctx) {
        ctx.html(StepperPage.parameterCount(ConfigForm.parse(fields(ctx))).render());
    }

    void step(Context ctx) {
        ctx.header("Vary", "HX-Request");
        String action = ctx.formParam("action");
        if (action == null) action = "next";
        String chosen = action;
        SessionStore.Session session = sessions.open(ctx);
        String html = session.run(e -> {
            // a click meant for a network that has gone would act on the fresh one: show it first instead
            if (session.replacesEnded()) return htmx(ctx) ? StepperPage.workspace(e).render() : null;
            if (e.training().isPresent() && !chosen.equals("reset")) {
                TrainingController.refuse(ctx, e, HttpStatus.CONFLICT, TrainingView.IN_PROGRESS);
            } else {
                act(e, chosen);
            }
            return htmx(ctx) ? StepperPage.workspace(e).render() : null;
        });
        respond(ctx, html);
    }

    private static void act(Experiment e, String action) {
        switch (action) {
            case "next": e.advance(); break;
            case "whole": e.wholeStep(); break;
            case "epoch": e.epoch(); break;
            case "reset": e.reset(); break;
            default:
                Phase target;
                try {
                    target = Phase.fromId(action);
                } catch (IllegalArgumentException ex) {
                    throw new BadRequest("unknown action '" + action + "': use next, whole, epoch, reset or a phase "
                            + "(pick, forward, loss, backward, update)");
                }
                e.goTo(target);
        }
    }

    static void respond(Context ctx, String html) {
        if (html == null) {
            ctx.redirect("/", HttpStatus.SEE_OTHER);
        } else {
            ctx.html(html);
        }
    }

    static boolean htmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    private static Map<String, String> fields(Context ctx) {
        Map<String, String> fields = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : ctx.formParamMap().entrySet()) {
            if (!entry.getValue().isEmpty()) fields.put(entry.getKey(), entry.getValue().get(0));
        }
        return fields;
    }
}

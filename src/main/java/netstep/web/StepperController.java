package netstep.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import netstep.lesson.LessonLibrary;
import netstep.data.Dataset;
import netstep.experiment.ConfigForm;
import netstep.experiment.DataSource;
import netstep.experiment.Experiment;
import netstep.experiment.ParameterRef;
import netstep.experiment.Phase;
import netstep.store.SessionStore;
import netstep.view.BrokenSessionView;
import netstep.view.StepperPage;
import netstep.view.TrainingView;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The stepper page. Forms post here; htmx requests (HX-Request) get the fragment that changed,
 * plain form posts get 303 See Other back to the page (or the page with the errors, for a bad form).
 * Over 300 lines on purpose: every button of the stepper page answered in one place, each a short verb(Context).
 */
final class StepperController {
    /**
     * One low-priority thread that draws a picked step's next pictures while the student reads its phases.
     * When it falls behind, the oldest wishes are dropped: the update answer then draws them itself.
     */
    private static final ExecutorService PRERENDER = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(32), task -> {
                Thread thread = new Thread(task, "netstep-prerender");
                thread.setDaemon(true);
                thread.setPriority(Thread.MIN_PRIORITY);
                return thread;
            }, new ThreadPoolExecutor.DiscardOldestPolicy());

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StepperController.class);

    private final Sessions sessions;
    private final LessonLibrary lessons;
    private final StepperPage.Site site;

    StepperController(Sessions sessions, StepperPage.Site site) {
        this.lessons = site.lessons();
        this.site = site;
        this.sessions = sessions;
    }

    void page(Context ctx) {
        StepperController.varyOnHtmx(ctx);
        StepperPage.Browsing browsing = new StepperPage.Browsing(positive(ctx.queryParam("historyPage"), 1),
                positive(ctx.queryParam("step"), 0));
        html(ctx, sessions.answer(ctx, e -> () -> {
            try {
                return StepperPage.render(e, ConfigForm.of(e.config()), browsing, site);
            } catch (RuntimeException broken) {
                // a state the page cannot draw must not trap the student: say so, and offer the ways out
                LOG.error("The page of a session cannot be rendered; offering to start over", broken);
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR);
                return BrokenSessionView.page(CannotRender.exportable(e));
            }
        }));
    }

    /**
     * POST /start-over: the default network on the default data, out of any lesson. A plain form post, so a
     * session whose page cannot be drawn can always be left, with or without JavaScript.
     */
    void startOver(Context ctx) {
        sessions.answer(ctx, e -> {
            e.leaveLesson();
            e.configure(netstep.experiment.Config.defaults());
            return null;
        });
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    /** POST /edit: set one weight or bias to a typed value. */
    void edit(Context ctx) {
        StepperController.varyOnHtmx(ctx);
        String parameter = ctx.formParam("parameter");
        String value = ctx.formParam("value");
        byte[] html = sessions.answer(ctx, e -> {
            refuseIfHidden(e, "edit");
            if (e.training().isPresent()) {
                // the run's result would overwrite the edit: the student cancels or waits first
                TrainingController.refuse(ctx, e, HttpStatus.CONFLICT, TrainingView.IN_PROGRESS);
                return htmx(ctx) ? () -> wholeWorkspace(e) : null;
            }
            try {
                double v;
                try {
                    v = Double.parseDouble(value == null ? "" : value.strip());
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("\"" + (value == null ? "" : value) + "\" is not a number");
                }
                e.setParameter(ParameterRef.parse(parameter), v);
            } catch (IllegalArgumentException ex) {
                ctx.status(HttpStatus.BAD_REQUEST);
                StepperPage.WeightEdit refused = new StepperPage.WeightEdit(clip(parameter), clip(value), ex.getMessage());
                return htmx(ctx) ? () -> StepperPage.editRefused(refused)
                        : () -> StepperPage.render(e, ConfigForm.of(e.config()), new StepperPage.Browsing(1, 0, refused), site)
                                .getBytes(StandardCharsets.UTF_8);
            }
            return htmx(ctx) ? () -> StepperPage.stepFragmentsUtf8(e, new StepperPage.StepChanges(true, true, false))
                    : null;
        });
        respond(ctx, html);
    }

    private static String clip(String typed) {
        if (typed == null) return "";
        return typed.length() > 40 ? typed.substring(0, 40) : typed;
    }

    /** POST /view/loss-scale: a linear or logarithmic loss axis. */
    void lossScale(Context ctx) {
        StepperController.varyOnHtmx(ctx);
        boolean log = "log".equals(ctx.formParam("scale"));
        String html = sessions.answer(ctx, e -> {
            e.setLogLossScale(log);
            return htmx(ctx) ? () -> StepperPage.lossChart(e).render() : null;
        });
        respond(ctx, html);
    }

    /** POST /view/digits: numbers shown with 2, 4 or 6 significant digits, a choice stored with the experiment. */
    void digits(Context ctx) {
        StepperController.varyOnHtmx(ctx);
        String field = ctx.formParam("digits");
        int significant = switch (field == null ? "" : field.strip()) {
            case "2" -> 2;
            case "4" -> 4;
            case "6" -> 6;
            default -> throw new BadRequest("Numbers are shown with 2, 4 or 6 significant digits.");
        };
        byte[] html = sessions.answer(ctx, e -> {
            e.setDigits(significant);
            return htmx(ctx) ? () -> wholeWorkspace(e) : null;
        });
        respond(ctx, html);
    }

    /** GET /history?page=n: a page of the step history (htmx), or the whole page showing it. */
    void history(Context ctx) {
        StepperController.varyOnHtmx(ctx);
        int page = positive(ctx.queryParam("page"), 1);
        if (!htmx(ctx)) {
            ctx.redirect("/?historyPage=" + page + "#history", HttpStatus.SEE_OTHER);
            return;
        }
        html(ctx, sessions.answer(ctx, e -> () -> StepperPage.history(e, page).render()));
    }

    /**
     * GET /weights: the weights panel, for htmx (a step's answer leaves it to load once scrolled into view), or
     * the page at it.
     */
    void weights(Context ctx) {
        panel(ctx, "/#weights", StepperPage::weightsPanel);
    }

    /**
     * GET /trace/{step}/{part}: a closed part of that step's backpropagation that a step's answer left to load when
     * opened (htmx), or the page at its trace.
     */
    void tracePart(Context ctx) {
        int step = positive(ctx.pathParam("step"), 0);
        if (step == 0) throw new BadRequest("a step number is a whole number from 1");
        String part = ctx.pathParam("part");
        panel(ctx, "/#trace", e -> StepperPage.tracePart(e, step, part).render());
    }

    /**
     * GET /loss-chart and GET /computes: the charts below the workbench, for htmx (a step's answer leaves them to
     * load once scrolled into view), or the page at them.
     */
    void lossChartPanel(Context ctx) {
        panel(ctx, "/#loss-chart", e -> StepperPage.lossChart(e).render());
    }

    void computesPanel(Context ctx) {
        panel(ctx, "/#computes", e -> StepperPage.computesKeepingSamples(e).render());
    }

    /** A part of the page alone for htmx, rendered from the session's experiment; else the whole page at it. */
    private void panel(Context ctx, String pageAtIt, Function<Experiment, String> render) {
        StepperController.varyOnHtmx(ctx);
        if (!htmx(ctx)) {
            ctx.redirect(pageAtIt, HttpStatus.SEE_OTHER);
            return;
        }
        html(ctx, sessions.answer(ctx, e -> () -> render.apply(e)));
    }

    /** GET /history/{step}: that step's full trace again. */
    void pastStep(Context ctx) {
        StepperController.varyOnHtmx(ctx);
        int step = positive(ctx.pathParam("step"), 0);
        if (step == 0) throw new BadRequest("a step number is a whole number from 1");
        if (!htmx(ctx)) {
            ctx.redirect("/?step=" + step + "#trace", HttpStatus.SEE_OTHER);
            return;
        }
        html(ctx, sessions.answer(ctx, e -> () -> StepperPage.pastStep(e, step).render()));
    }

    /**
     * POST /batch/sample with sample=k (the selector's buttons; GET with ?sample=k for links): the per-sample views
     * show sample k (from 1) of this batch and of the batches after it, a stored choice. With htmx the step's
     * fragments come out of band; without, 303 back to the page, which shows it.
     */
    void batchSample(Context ctx) {
        StepperController.varyOnHtmx(ctx);
        String raw = ctx.method() == HandlerType.POST ? ctx.formParam("sample") : ctx.queryParam("sample");
        int k = positive(raw, 0);
        if (k == 0) throw new BadRequest("sample must be a whole number from 1 (the batch's first sample)");
        byte[] html = sessions.answer(ctx, e -> {
            try {
                e.chooseSample(k - 1);
            } catch (IllegalArgumentException ex) {
                throw new BadRequest(ex.getMessage());
            }
            return htmx(ctx) ? () -> StepperPage.stepFragmentsUtf8(e, new StepperPage.StepChanges(true, false, false))
                    : null;
        });
        if (html == null) {
            ctx.redirect("/#batch", HttpStatus.SEE_OTHER);
            return;
        }
        respond(ctx, html);
    }

    /** A positive whole number from a query or path parameter, or the fallback when absent or malformed. */
    private static int positive(String raw, int fallback) {
        if (raw == null) return fallback;
        try {
            int n = Integer.parseInt(raw.trim());
            return n >= 1 ? n : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    void configure(Context ctx) {
        StepperController.varyOnHtmx(ctx);
        Map<String, String> fields = fields(ctx);
        boolean[] valid = {false};
        String html = sessions.answer(ctx, e -> {
            refuseIfHidden(e, "configure");
            // a lesson's locked fields keep the lesson's values, whatever was submitted
            e.tailoring().ifPresent(t -> fields.putAll(t.locked()));
            ConfigForm form = ConfigForm.parse(fields, customData(e));
            valid[0] = form.valid();
            form.config().ifPresent(e::configure);
            if (form.valid() && !htmx(ctx)) return null;
            return htmx(ctx) ? () -> StepperPage.app(e, form.valid() ? ConfigForm.of(e.config()) : form, site).render()
                    : () -> StepperPage.render(e, form, StepperPage.Browsing.CURRENT, site);
        });
        if (!valid[0]) ctx.status(HttpStatus.BAD_REQUEST);
        respond(ctx, html);
    }

    /** The student's own samples, if the experiment runs on them: choosing "custom" again keeps them. */
    static Dataset customData(Experiment e) {
        return e.config().data().raw() instanceof DataSource.CustomData custom ? custom.data() : null;
    }

    /** The live parameter count as the form is edited. */
    void parameters(Context ctx) {
        html(ctx, StepperPage.parameterCount(ConfigForm.parse(fields(ctx))).render());
    }

    void step(Context ctx) {
        StepperController.varyOnHtmx(ctx);
        String action = ctx.formParam("action");
        if (action == null) action = "next";
        String chosen = action;
        SessionStore.Session session = sessions.open(ctx);
        byte[] html = sessions.answer(session, e -> {
            // a click meant for a network that has gone would act on the fresh one: show it first instead
            if (session.replacesEnded()) return htmx(ctx) ? () -> wholeWorkspace(e) : null;
            if (e.training().isPresent() && !chosen.equals("reset")) {
                TrainingController.refuse(ctx, e, HttpStatus.CONFLICT, TrainingView.IN_PROGRESS);
                return htmx(ctx) ? () -> wholeWorkspace(e) : null;
            }
            refuseIfHidden(e, chosen);
            int stepsBefore = e.steps();
            Object traceBefore = e.trace().orElse(null);
            Phase shownBefore = e.phase();
            act(e, chosen, ctx.formParam("steps"));
            if (e.phase() == Phase.PICK) {
                Dataset dataset = e.dataset(); // read here: the experiment belongs to this request's thread
                var source = e.config().data();
                int digits = e.digits();
                e.trace().ifPresent(trace -> PRERENDER.execute(
                        () -> StepperPage.prerenderPictures(trace.after(), dataset, source, digits)));
            }
            if (!htmx(ctx)) return null;
            StepperPage.StepChanges changes = new StepperPage.StepChanges(e.trace().orElse(null) != traceBefore,
                    e.steps() != stepsBefore, chosen.equals("reset"), shownBefore);
            return () -> StepperPage.stepFragmentsUtf8(e, changes);
        });
        respond(ctx, html);
    }

    /** The step form swaps nothing itself: the workspace comes out of band, like every step's parts. */
    private static byte[] wholeWorkspace(Experiment e) {
        return StepperPage.stepFragmentsUtf8(e, new StepperPage.StepChanges(true, true, true));
    }

    private static void act(Experiment e, String action, String stepsField) {
        switch (action) {
            case "next": e.advance(); break;
            case "whole": e.wholeStep(); break;
            case "steps":
                // bulk whole steps: a lesson that hides "Whole step" hides them too
                refuseIfHidden(e, "whole");
                try {
                    e.trainSteps(count(stepsField));
                } catch (IllegalArgumentException tooMuch) {
                    throw new BadRequest(tooMuch.getMessage());
                }
                break;
            case "epoch": e.epoch(); break;
            case "reset": e.reset(); break;
            default:
                Phase target;
                try {
                    target = Phase.fromId(action);
                } catch (IllegalArgumentException ex) {
                    throw new BadRequest("unknown action '" + action + "': use next, whole, steps, epoch, reset or a phase "
                            + "(pick, forward, loss, backward, update)");
                }
                e.goTo(target);
        }
    }

    /** The "steps" field of Train N steps: a whole number (its bounds are the experiment's to check). */
    private static int count(String field) {
        String raw = field == null ? "" : field.strip();
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            String shown = raw.length() > 20 ? raw.substring(0, 20) + "…" : raw;
            throw new BadRequest("Steps must be a whole number from 1 to " + Experiment.MAX_STEPS_AT_ONCE
                    + ", not \"" + shown + "\".");
        }
    }

    static void respond(Context ctx, String html) {
        if (html == null) {
            ctx.redirect("/", HttpStatus.SEE_OTHER);
        } else {
            html(ctx, html);
        }
    }

    static void respond(Context ctx, byte[] utf8) {
        if (utf8 == null) {
            ctx.redirect("/", HttpStatus.SEE_OTHER);
        } else {
            ctx.contentType("text/html; charset=utf-8").result(utf8);
        }
    }

    /** ctx.html() names no charset; we print ∂, ŷ, Σ and η. */
    static void html(Context ctx, String html) {
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    /** What a lesson hides is not just out of sight: the server refuses it too. */
    static void refuseIfHidden(Experiment e, String control) {
        if (e.tailoring().map(t -> t.hides(control)).orElse(false)) {
            throw new BadRequest("\"" + control + "\" is not part of this lesson; choose Free play in the lesson menu "
                    + "to use it");
        }
    }

    /** Added, not set: the compression handler has already said the answer varies with Accept-Encoding. */
    static void varyOnHtmx(Context ctx) {
        ctx.res().addHeader("Vary", "HX-Request");
    }

    static boolean htmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    private static Map<String, String> fields(Context ctx) {
        Map<String, String> fields = new HashMap<>();
        for (Map.Entry<String, List<String>> entry : ctx.formParamMap().entrySet()) {
            if (entry.getValue().isEmpty()) continue;
            // the feature tick boxes share one name: their ids together are the features field
            fields.put(entry.getKey(), ConfigForm.FEATURES.equals(entry.getKey())
                    ? String.join(",", entry.getValue()) : entry.getValue().get(0));
        }
        return fields;
    }
}

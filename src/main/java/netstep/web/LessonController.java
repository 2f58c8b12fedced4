package netstep.web;

import netstep.json.ApiJson;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import netstep.lesson.Lesson;
import netstep.lesson.LessonLibrary;
import netstep.view.StepperPage;

/** Opening a lesson (or leaving it for free play), and the lessons over the JSON API. */
final class LessonController {
    private final Sessions sessions;
    private final LessonLibrary library;
    private final StepperPage.Site site;

    LessonController(Sessions sessions, StepperPage.Site site) {
        this.sessions = sessions;
        this.library = site.lessons();
        this.site = site;
    }

    /** POST /lesson: lesson = an id, or empty for free play; variant = which of its variants (from 0). */
    void open(Context ctx) {
        StepperController.varyOnHtmx(ctx);
        String id = ctx.formParam("lesson") == null ? "" : ctx.formParam("lesson").trim();
        String html = sessions.with(ctx, e -> {
            if (id.isEmpty()) {
                e.leaveLesson();
            } else {
                Lesson lesson = library.lesson(id).orElseThrow(() -> new BadRequest("there is no lesson \"" + id
                        + "\" (or it is unavailable)"));
                int variant = variant(ctx.formParam("variant"), lesson);
                Lesson.Variant v = lesson.variants().get(variant);
                e.openLesson(v.config(), v.start(), lesson.openOn(), lesson.tailoring(variant));
            }
            return StepperController.htmx(ctx)
                    ? CannotRender.guard(e, () -> StepperPage.app(e, StepperPage.configOf(e), site).render()) : null;
        });
        if (html == null) {
            ctx.redirect("/", HttpStatus.SEE_OTHER);
        } else {
            StepperController.html(ctx, html);
        }
    }

    /** GET /api/lessons: [{"id", "title"}], and the unavailable ones with their reason. */
    void list(Context ctx) {
        ArrayNode out = ApiJson.MAPPER.createArrayNode();
        for (Lesson lesson : library.lessons()) out.addObject().put("id", lesson.id()).put("title", lesson.title());
        for (LessonLibrary.Unavailable u : library.unavailable()) {
            out.addObject().put("id", u.id()).put("title", u.file()).put("unavailable", u.reason());
        }
        ctx.contentType("application/json; charset=utf-8").result(out.toString());
    }

    /** GET /api/lessons/{id}: the lesson file as stored. */
    void show(Context ctx) {
        String id = ctx.pathParam("id");
        Lesson lesson = library.lesson(id).orElse(null);
        if (lesson == null) {
            ctx.attribute(App.OWN_NOT_FOUND, true);
            ApiController.error(ctx, HttpStatus.NOT_FOUND, "there is no lesson \"" + id + "\"");
            return;
        }
        ctx.contentType("application/json; charset=utf-8").result(lesson.source());
    }

    private static int variant(String raw, Lesson lesson) {
        if (raw == null || raw.isBlank()) return 0;
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < 0 || v >= lesson.variants().size()) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new BadRequest("the lesson \"" + lesson.id() + "\" has variants 0 to " + (lesson.variants().size() - 1));
        }
    }
}

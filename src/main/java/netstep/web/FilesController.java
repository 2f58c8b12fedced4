package netstep.web;

import netstep.json.ExperimentJson;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import netstep.lesson.LessonLibrary;
import netstep.experiment.ConfigForm;
import netstep.view.StepperPage;
import netstep.view.WorkedExample;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Downloads (the experiment as JSON, the loss history as CSV, the step as Markdown) and loading a saved file. */
final class FilesController {
    private static final int MAX_FILE_BYTES = 900_000;

    private final Sessions sessions;
    private final LessonLibrary lessons;
    private final StepperPage.Site site;

    FilesController(Sessions sessions, StepperPage.Site site) {
        this.lessons = site.lessons();
        this.site = site;
        this.sessions = sessions;
    }

    void experiment(Context ctx) {
        String json = sessions.with(ctx, e -> ExperimentJson.write(e).toPrettyString());
        download(ctx, "netstep-experiment.json", "application/json; charset=utf-8", json);
    }

    void lossHistory(Context ctx) {
        String csv = sessions.with(ctx, e -> {
            StringBuilder sb = new StringBuilder("step,mean_loss\n");
            List<Double> history = e.lossHistory();
            List<Integer> steps = e.lossSteps();
            for (int i = 0; i < history.size(); i++) sb.append(steps.get(i)).append(',').append(history.get(i)).append('\n');
            return sb.toString();
        });
        download(ctx, "netstep-loss.csv", "text/csv; charset=utf-8", csv);
    }

    void workedExample(Context ctx) {
        String md = sessions.with(ctx, WorkedExample::markdown);
        if (md.isEmpty()) {
            ctx.status(HttpStatus.CONFLICT).contentType("text/plain; charset=utf-8")
                    .result("No step to write up yet: pick a sample first (Next, or Whole step).");
            return;
        }
        download(ctx, "netstep-step.md", "text/markdown; charset=utf-8", md);
    }

    /** POST /import: a saved experiment, uploaded as a file or pasted. */
    void load(Context ctx) {
        String refusal = sessions.with(ctx, e -> {
            try {
                ExperimentJson.read(uploadedOrPasted(ctx), e);
                return null;
            } catch (netstep.experiment.InvalidInput ex) { // the file refused, or a number out of bounds in a sample
                return ex.getMessage();
            }
        });
        if (refusal == null) {
            ctx.redirect("/", HttpStatus.SEE_OTHER);
            return;
        }
        ctx.status(HttpStatus.BAD_REQUEST);
        StepperController.html(ctx, sessions.with(ctx, e -> StepperPage.render(e, ConfigForm.of(e.config()),
                StepperPage.Browsing.importRefused("Not loaded: " + refusal), site)));
    }

    private static String uploadedOrPasted(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType != null && contentType.startsWith("multipart/")) {
            UploadedFile file = ctx.uploadedFile("file");
            if (file != null && file.size() > 0) {
                if (file.size() > MAX_FILE_BYTES) throw new BadRequest("the file is larger than 900 KB");
                try (InputStream in = file.content()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException ex) {
                    throw new BadRequest("the file could not be read");
                }
            }
        }
        String pasted = ctx.formParam("experiment");
        if (pasted == null || pasted.isBlank()) throw new BadRequest("choose a saved experiment file, or paste one");
        return pasted;
    }

    private static void download(Context ctx, String filename, String contentType, String body) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        ctx.contentType(contentType).result(body);
    }
}

package netstep.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;
import netstep.lesson.LessonLibrary;
import netstep.data.CsvData;
import netstep.data.DataException;
import netstep.data.Dataset;
import netstep.experiment.Config;
import netstep.experiment.ConfigForm;
import netstep.experiment.DataSource;
import netstep.experiment.Experiment;
import netstep.view.StepperPage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The student's own data: a pasted or uploaded CSV, or the edited sample table. All or nothing. */
final class DataController {
    private static final int MAX_CSV_BYTES = 900_000;
    private static final int MAX_TABLE_ROWS = 100;

    private final Sessions sessions;
    private final LessonLibrary lessons;
    private final StepperPage.Site site;

    DataController(Sessions sessions, StepperPage.Site site) {
        this.lessons = site.lessons();
        this.site = site;
        this.sessions = sessions;
    }

    /** POST /data/csv */
    void csv(Context ctx) {
        String typed = ctx.formParam("csv");
        String text = uploaded(ctx);
        if (text == null) text = typed == null ? "" : typed;
        String csv = text;
        String page = sessions.with(ctx, e -> {
            StepperController.refuseIfHidden(e, "own-data");
            try {
                use(e, CsvData.parse(csv, e.config().outputs()));
                return null;
            } catch (DataException ex) {
                ctx.status(HttpStatus.BAD_REQUEST);
                String shown = typed == null ? "" : typed.length() > 20_000 ? typed.substring(0, 20_000) : typed;
                return page(e, new StepperPage.DataDraft(null, shown, "Not used: " + ex.getMessage()));
            }
        });
        respond(ctx, page);
    }

    /** POST /data/table: add or remove a row (the draft is shown again), or use the samples. */
    void table(Context ctx) {
        String action = ctx.formParam("action") == null ? "apply" : ctx.formParam("action");
        List<List<String>> rows = cells(ctx);
        String page = sessions.with(ctx, e -> {
            StepperController.refuseIfHidden(e, "own-data");
            if (action.equals("add")) {
                if (rows.size() >= MAX_TABLE_ROWS) {
                    ctx.status(HttpStatus.BAD_REQUEST);
                    return page(e, new StepperPage.DataDraft(rows, "", "At most " + MAX_TABLE_ROWS
                            + " rows here; for more, paste a CSV."));
                }
                rows.add(new ArrayList<>());
                return page(e, new StepperPage.DataDraft(rows, "", null));
            }
            if (action.startsWith("remove-")) {
                int row = parseRow(action.substring("remove-".length()), rows.size());
                rows.remove(row);
                return page(e, new StepperPage.DataDraft(rows, "", null));
            }
            if (!action.equals("apply")) throw new BadRequest("unknown action '" + action + "'");
            try {
                use(e, CsvData.fromCells(rows, e.config().inputs(), e.config().outputs()));
                return null;
            } catch (DataException ex) {
                ctx.status(HttpStatus.BAD_REQUEST);
                return page(e, new StepperPage.DataDraft(rows, "", "Not used: " + ex.getMessage()));
            }
        });
        respond(ctx, page);
    }

    /** GET /export/data.csv */
    void download(Context ctx) {
        String csv = sessions.with(ctx, e -> CsvData.toCsv(e.dataset()));
        ctx.header("Content-Disposition", "attachment; filename=\"netstep-data.csv\"");
        ctx.contentType("text/csv; charset=utf-8").result(csv);
    }

    /** Switches the experiment to the data, which must fit the network; it starts over from its seed. */
    private static void use(Experiment e, Dataset data) {
        Config config = e.config();
        Config.mismatch(data, config.inputs(), config.outputs()).ifPresent(m -> {
            throw new DataException("the data do not fit the network: " + m + ". Change the network's inputs and "
                    + "outputs first, or the data's columns.");
        });
        e.configure(config.withData(new DataSource.CustomData(data)));
    }

    private String page(Experiment e, StepperPage.DataDraft draft) {
        return CannotRender.guard(e, () -> StepperPage.render(e, ConfigForm.of(e.config()),
                StepperPage.Browsing.dataDraft(draft), site));
    }

    private static void respond(Context ctx, String page) {
        if (page == null) {
            ctx.redirect("/#own-data", HttpStatus.SEE_OTHER);
        } else {
            StepperController.html(ctx, page);
        }
    }

    private static String uploaded(Context ctx) {
        String contentType = ctx.contentType();
        if (contentType == null || !contentType.startsWith("multipart/")) return null;
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) return null;
        if (file.size() > MAX_CSV_BYTES) throw new BadRequest("the file is larger than 900 KB");
        try (InputStream in = file.content()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new BadRequest("the file could not be read");
        }
    }

    /** The table's cells as typed, by the row and column counts the form carries (both bounded). */
    private static List<List<String>> cells(Context ctx) {
        int rows = count(ctx.formParam("rows"), MAX_TABLE_ROWS, "rows");
        int columns = count(ctx.formParam("columns"), Dataset.MAX_COLUMNS, "columns");
        List<List<String>> table = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                String v = ctx.formParam("cell-" + r + "-" + c);
                row.add(v == null ? "" : v.length() > 100 ? v.substring(0, 100) : v);
            }
            table.add(row);
        }
        return table;
    }

    private static int count(String raw, int max, String name) {
        try {
            int n = Integer.parseInt(raw == null ? "" : raw.trim());
            if (n < 0 || n > max) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new BadRequest("the table's " + name + " must be a whole number from 0 to " + max);
        }
    }

    private static int parseRow(String raw, int rows) {
        try {
            int r = Integer.parseInt(raw);
            if (r < 0 || r >= rows) throw new NumberFormatException();
            return r;
        } catch (NumberFormatException e) {
            throw new BadRequest("there is no row " + raw + " to remove");
        }
    }
}

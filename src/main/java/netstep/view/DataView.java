package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.SectionTag;
import netstep.data.Dataset;
import netstep.experiment.Experiment;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;

/** The student's own data: paste or upload a CSV, or edit the samples in a table. */
final class DataView {
    /** Beyond this many samples the table would swamp the page: edit the CSV instead. */
    static final int EDITABLE_ROWS = 100;

    private DataView() {
    }

    /**
     * The draft the student is working on: the table's rows as typed (null: the experiment's samples),
     * the pasted CSV, and why the last attempt was refused.
     */
    record Draft(List<List<String>> rows, String csv, String error) {
        static final Draft NONE = new Draft(null, "", null);
    }

    static SectionTag ownData(Experiment e, Draft draft) {
        Dataset d = e.dataset();
        int inputs = e.config().inputs();
        int outputs = e.config().outputs();
        SectionTag section = section(
                h2("Your own data"),
                p("Paste or upload a CSV: one sample per line, the " + inputs + " input" + (inputs == 1 ? "" : "s")
                        + " first and the last " + outputs + " column" + (outputs == 1 ? "" : "s")
                        + " the target" + (outputs == 1 ? "" : "s") + " y (a header line is optional). "
                        + "Using it starts the network over from its seed."),
                form(
                        label("CSV").attr("for", "data-csv"),
                        textarea(draft.csv()).withName("csv").withId("data-csv").attr("rows", "5")
                                .attr("placeholder", "x,y\n5,10.1\n1,1.9"),
                        div(label("or a file: ").attr("for", "data-file"),
                                input().withType("file").withName("file").withId("data-file").attr("accept", ".csv,text/csv"),
                                text(" "), button("Use this data").withType("submit")).withClass("form-actions")
                ).withId("csv-form").withMethod("post").withAction("/data/csv").attr("enctype", "multipart/form-data"),
                p(a("Download the current data as CSV").withHref("/export/data.csv").attr("download"),
                        text(" to edit it in a spreadsheet.")));
        if (draft.error() != null) {
            section.with(p(draft.error()).withClass("error").withId("data-error").attr("role", "alert"));
        }
        section.with(sampleTable(e, d, draft));
        return section.withId("own-data").withClass("panel");
    }

    private static DomContent sampleTable(Experiment e, Dataset d, Draft draft) {
        List<List<String>> rows = draft.rows() != null ? draft.rows() : rowsOf(d);
        if (rows.size() > EDITABLE_ROWS) {
            return p("These data have " + rows.size() + " samples, too many to edit here: download the CSV, edit it "
                    + "and paste it back.").withClass("hint");
        }
        int columns = e.config().inputs() + e.config().outputs();
        List<DomContent> head = new ArrayList<>();
        head.add(th("#"));
        for (int i = 0; i < e.config().inputs(); i++) head.add(th("x[" + (i + 1) + "]"));
        for (int k = 0; k < e.config().outputs(); k++) head.add(th("y[" + (k + 1) + "]"));
        head.add(th(""));
        List<DomContent> body = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            List<DomContent> cells = new ArrayList<>();
            cells.add(td(String.valueOf(r + 1)));
            for (int c = 0; c < columns; c++) {
                String value = c < rows.get(r).size() ? rows.get(r).get(c) : "";
                cells.add(td(input().withType("text").withName("cell-" + r + "-" + c).withValue(value)
                        .attr("inputmode", "decimal").attr("size", "6")
                        .attr("aria-label", "row " + (r + 1) + ", " + (c < e.config().inputs() ? "x[" + (c + 1) + "]"
                                : "y[" + (c - e.config().inputs() + 1) + "]"))));
            }
            cells.add(td(button("Remove").withType("submit").withName("action").withValue("remove-" + r)
                    .withClass("small")));
            body.add(tr(cells.toArray(DomContent[]::new)));
        }
        var folder = details(summary("Edit the samples in a table"),
                form(
                        input().withType("hidden").withName("rows").withValue(String.valueOf(rows.size())),
                        input().withType("hidden").withName("columns").withValue(String.valueOf(columns)),
                        div(table(thead(tr(head.toArray(DomContent[]::new))), tbody(body.toArray(DomContent[]::new)))
                                .withClass("data editable")).withClass("scroll"),
                        div(button("Add a row").withType("submit").withName("action").withValue("add"),
                                button("Use these samples").withType("submit").withName("action").withValue("apply")
                                        .withClass("primary")).withClass("form-actions")
                ).withId("table-form").withMethod("post").withAction("/data/table")
        );
        if (draft.rows() != null) folder.attr("open");
        return folder;
    }

    static List<List<String>> rowsOf(Dataset d) {
        List<List<String>> rows = new ArrayList<>();
        for (int s = 0; s < d.size(); s++) {
            List<String> row = new ArrayList<>();
            for (double v : d.x(s)) row.add(plain(v));
            for (double v : d.y(s)) row.add(plain(v));
            rows.add(row);
        }
        return rows;
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : Double.toString(v);
    }
}

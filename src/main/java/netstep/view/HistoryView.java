package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.SectionTag;
import netstep.experiment.Experiment;
import netstep.experiment.StepRecord;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;

/** Every step taken, newest first, a page at a time; a recent step's row opens its full trace again. */
final class HistoryView {
    static final int PAGE_SIZE = 10;

    private HistoryView() {
    }

    static int pages(Experiment e) {
        return Math.max(1, (e.records().size() + PAGE_SIZE - 1) / PAGE_SIZE);
    }

    static SectionTag history(Experiment e, int page) {
        List<StepRecord> records = e.records();
        int pages = pages(e);
        int current = Math.max(1, Math.min(page, pages));
        SectionTag section = section(h2("Step history")).withId("history").withClass("panel");
        if (records.isEmpty()) return section.with(p("No steps yet."));
        // records are cleared with new settings, so the settings say what every row holds
        boolean batched = e.config().batchSize() > 1;
        boolean regularized = !e.config().regularization().none();
        Digits d = DigitsView.of(e);
        List<DomContent> rows = new ArrayList<>();
        int newest = records.size() - 1 - (current - 1) * PAGE_SIZE;
        for (int r = newest; r > newest - PAGE_SIZE && r >= 0; r--) {
            StepRecord rec = records.get(r);
            DomContent stepCell = e.traceOfStep(rec.step()).isPresent()
                    ? a("Step " + rec.step()).withHref("/?step=" + rec.step() + "#trace")
                            .attr("hx-get", "/history/" + rec.step()).attr("hx-target", "#trace")
                            .attr("hx-swap", "outerHTML show:#trace:top")
                    : span("Step " + rec.step()).withTitle("Only the last " + Experiment.KEPT_TRACES
                            + " steps keep their full trace");
            rows.add(tr(td(stepCell), td(String.valueOf(rec.epoch())), td(rec.samplesText()),
                    regularized ? MathView.cell(d, rec.dataLoss()) : null, MathView.cell(d, rec.loss()),
                    MathView.cell(d, rec.largestChange()), MathView.cell(d, rec.learningRate()))
                    .withId("history-step-" + rec.step()));
        }
        String mean = batched ? "Mean loss " : "Loss ";
        section.with(div(table(
                thead(tr(th("Step"), th("Epoch"), th(batched ? "Samples (batch)" : "Sample"),
                        regularized ? th(mean + "L") : null, th(regularized ? mean + "L + λR" : mean + "L"),
                        th("Largest |Δθ|"), th("η"))),
                tbody(rows.toArray(DomContent[]::new))).withClass("data history-table")).withClass("scroll"));
        if (pages > 1) {
            section.with(div(
                    current > 1 ? pageLink("← Newer", current - 1) : null,
                    span("Page " + current + " of " + pages).withClass("hint"),
                    current < pages ? pageLink("Older →", current + 1) : null
            ).withClass("pager"));
        }
        return section;
    }

    private static DomContent pageLink(String label, int page) {
        return a(label).withHref("/?historyPage=" + page + "#history").attr("hx-get", "/history?page=" + page)
                .attr("hx-target", "#history").attr("hx-swap", "outerHTML");
    }
}

package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.SectionTag;
import netstep.data.Dataset;
import netstep.experiment.Experiment;
import netstep.experiment.Tailoring;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;

/** The workspace: the step controls and counters, the pictures, the trace, the weights, the history and the data. */
final class WorkspaceView {
    private WorkspaceView() {
    }

    /** Everything a step changes: controls, counters, pictures, the trace, the weights, history and data. */
    static SectionTag workspace(Experiment e, StepperPage.Browsing browsing) {
        Tailoring t = e.tailoring().orElse(null);
        return section(
                ControlsView.controls(e),
                ControlsView.status(e),
                // play / pause and the number format share a row: the workbench below must fit a projector's screen
                div(PlayView.play(e), DigitsView.control(e)).withClass("play-row"),
                NoticeView.notice(e),
                QuestionView.panel(e),
                // the workbench: the diagram beside the current phase's working, on one screen
                div(div(StepperPage.hidden(t, "diagram") ? null : DiagramView.diagram(e),
                                StepperPage.hidden(t, "loss-chart") ? null : ChartView.lossChart(e),
                                StepperPage.hidden(t, "computes") ? null : QuestionView.computes(e))
                                .withClass("pictures"),
                        StepperPage.hidden(t, "trace") ? null
                                : browsing.pastStep() > 0 ? TraceView.pastStep(e, browsing.pastStep()) : TraceView.trace(e))
                        .withClass("stage"),
                TrainingView.panel(e),
                StepperPage.hidden(t, "weights") ? null : WeightsView.weights(e, browsing.edit()),
                StepperPage.hidden(t, "collapse") ? null : CollapseView.collapse(e),
                StepperPage.hidden(t, "history") ? null : HistoryView.history(e, browsing.historyPage()),
                StepperPage.hidden(t, "dataset") ? null : datasetTable(e)
        ).withId("workspace");
    }

    /** The dataset's first rows, the current sample marked (and the rest of its batch, lighter). */
    static SectionTag datasetTable(Experiment e) {
        Dataset d = e.dataset();
        int shownRows = Math.min(d.size(), 20);
        List<DomContent> head = new ArrayList<>();
        head.add(th("#"));
        // fed as input features, each column is a feature of the point, named as the diagram names it
        List<netstep.data.InputFeature> features = e.config().data() instanceof netstep.experiment.DataSource.Featured f
                ? f.features() : List.of();
        for (int i = 0; i < d.inputs(); i++) head.add(th(features.isEmpty() ? "x[" + (i + 1) + "]" : features.get(i).label));
        for (int k = 0; k < d.outputs(); k++) head.add(th("y[" + (k + 1) + "]"));
        List<DomContent> rows = new ArrayList<>();
        boolean marked = e.trace().isPresent();
        Digits digits = DigitsView.of(e);
        List<Integer> batch = e.batch().isPresent() ? e.batchIndices() : List.of();
        for (int s = 0; s < shownRows; s++) {
            List<DomContent> cells = new ArrayList<>();
            cells.add(td(String.valueOf(s + 1)));
            for (double v : d.x(s)) cells.add(MathView.cell(digits, v));
            for (double v : d.y(s)) cells.add(MathView.cell(digits, v).withClass("target"));
            var row = tr(cells.toArray(DomContent[]::new)).withId("sample-" + (s + 1));
            if (marked && s == e.sampleIndex()) row.withClass("current-sample").attr("aria-current", "true");
            else if (marked && batch.contains(s)) row.withClass("batch-sample"); // the rest of the step's batch
            rows.add(row);
        }
        return section(
                h2("Dataset: " + d.title()),
                p(d.description()),
                div(table(thead(tr(head.toArray(DomContent[]::new))), tbody(rows.toArray(DomContent[]::new)))
                        .withClass("data")).withClass("scroll"),
                d.size() > shownRows ? p(text("Showing the first " + shownRows + " of " + d.size() + " samples; "),
                        a("download them all as CSV").withHref("/export/data.csv").attr("download"), text(".")) : null
        ).withId("dataset-table").withClass("panel");
    }
}

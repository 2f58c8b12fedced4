package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.Tag;
import j2html.tags.specialized.DivTag;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import netstep.experiment.Tailoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static j2html.TagCreator.*;

/** The htmx answers to a step: only the fragments it changed, each swapped out of band by its id. */
final class FragmentRouter {
    private FragmentRouter() {
    }

    /**
     * The fragments a step changed, in UTF-8 (see {@link Utf8Html}), each swapped by its id (htmx out-of-band
     * swaps): the controls, counters, diagram and trace always (of the same sample's trace only the phases it did
     * not show yet); the dataset's marked row when a sample was picked; the charts, weights and history when
     * parameters changed. What the page shows already goes as a placeholder it keeps, and the panels below the
     * workbench load when scrolled to (docs/page-weight.md).
     */
    static byte[] stepFragmentsUtf8(Experiment e, StepperPage.StepChanges changes) {
        if (changes.everything()) {
            return Utf8Html.render(WorkspaceView.workspace(e, StepperPage.Browsing.CURRENT).attr("hx-swap-oob", "true"));
        }
        Tailoring t = e.tailoring().orElse(null);
        // the same sample, a later phase: only the new phases of the trace are sent, appended to it
        DivTag newPhases = changes.newSample() ? null : TraceView.phasesAfter(e, changes.shownBefore(), true);
        List<DomContent> fragments = new ArrayList<>();
        parts(e, changes).forEach((name, part) -> {
            if (StepperPage.hidden(t, name)) return;
            if (name.equals("trace") && newPhases != null) fragments.add(newPhases);
            else fragments.add(part.get().attr("hx-swap-oob", "true"));
        });
        return Utf8Html.render(fragments.toArray(DomContent[]::new));
    }

    /** The parts a step's answer may carry, by the name a lesson hides them with, in the page's order. */
    private static Map<String, Supplier<Tag<?>>> parts(Experiment e, StepperPage.StepChanges changes) {
        Map<String, Supplier<Tag<?>>> parts = new LinkedHashMap<>();
        parts.put("controls", () -> ControlsView.controls(e));
        parts.put("status", () -> ControlsView.status(e));
        parts.put("notice", () -> NoticeView.notice(e));
        parts.put(QuestionView.ID, () -> QuestionView.panel(e)); // predict, then reveal
        parts.put("diagram", () -> DiagramView.diagram(e, kept(e, changes), true));
        parts.put("trace", () -> TraceView.trace(e, true));
        // the marked row moves with a new sample only (an update keeps the step's sample and trace)
        if (changes.newSample()) parts.put("dataset", () -> WorkspaceView.datasetTable(e));
        // a lesson's questions may have hidden the map: then its samples are not on the page to keep
        boolean samplesKept = e.questions().isEmpty();
        if (changes.parametersChanged()) {
            // a click at the controls (not a weight edit, which is read where it is made): the panels below the
            // workbench, half of the update's answer for 2-8-8-1, load when scrolled into view
            boolean later = changes.shownBefore() != null;
            parts.put("loss-chart", () -> later ? chartOnView("loss-chart", "Loss curve", "/loss-chart", null)
                    : ChartView.lossChart(e));
            // a lesson's questions may hide the map until answered: then it comes as before
            parts.put("computes", () -> later && samplesKept ? ComputesView.whenSeen(e)
                    : QuestionView.computes(e, samplesKept));
            parts.put("weights", () -> later ? onView("weights", "Weights now", "/weights")
                    : WeightsView.weights(e, StepperPage.WeightEdit.EMPTY));
            parts.put("collapse", () -> CollapseView.collapse(e));
            parts.put("history", () -> later ? onView("history", "Step history", "/history?page=1")
                    : HistoryView.history(e, 1));
        }
        // a question hides the chart of ŷ until it is answered, so a lesson with questions sends it every time
        if (!e.questions().isEmpty()) parts.put("computes", () -> QuestionView.computes(e));
        return parts;
    }

    /**
     * What of the diagram the page shows already, as this phase draws it: the pictures inside the neurons until
     * parameters change, and the weights on the edges from before the pick to the loss (backpropagation and the
     * update draw their gradients and changes instead).
     */
    private static DiagramView.Kept kept(Experiment e, StepperPage.StepChanges changes) {
        Phase before = changes.shownBefore();
        if (changes.parametersChanged() || before == null) return DiagramView.Kept.NOTHING;
        return new DiagramView.Kept(drawsWeights(before) && drawsWeights(e.phase()), true);
    }

    private static boolean drawsWeights(Phase phase) {
        return phase.ordinal() <= Phase.LOSS.ordinal();
    }

    /** A panel sent empty, that fetches itself from {@code url} once it comes into view (htmx "intersect"). */
    private static Tag<?> onView(String id, String heading, String url) {
        return whenSeen(section(h2(heading), p("Loading…").withClass("hint")).withId(id).withClass("panel"), url);
    }

    /** A chart sent empty, as {@link #onView}, with {@code kept} (what the page keeps of it, if anything). */
    static DivTag chartOnView(String id, String heading, String url, DomContent kept) {
        return whenSeen(div(h3(heading), p("Loading…").withClass("hint"), kept).withId(id)
                .withClass("panel chart-panel"), url);
    }

    /** {@code shell} replaced by what GET {@code url} answers, once it comes into view. */
    private static <T extends Tag<T>> T whenSeen(T shell, String url) {
        return shell.attr("hx-get", url).attr("hx-trigger", "intersect once").attr("hx-swap", "outerHTML");
    }

    /** A refused weight edit: only the form, with its message, is swapped. */
    static byte[] editRefused(StepperPage.WeightEdit edit) {
        return Utf8Html.render(WeightsView.editForm(edit).attr("hx-swap-oob", "true"));
    }
}

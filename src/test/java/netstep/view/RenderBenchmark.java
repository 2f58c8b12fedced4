package netstep.view;

import netstep.view.render.*;

import j2html.tags.Tag;
import netstep.bench.BenchNetworks;
import netstep.experiment.ConfigForm;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rendering 2-8-8-1 on the 200-sample circle, after 30 steps: the full page, each step action's htmx answer
 * (its out-of-band fragments together) and each fragment alone, j2html to a String, heat maps included.
 */
public class RenderBenchmark {
    static final int STEPS_BEFORE = 30;

    static {
    }

    /** An experiment whose 31st step is shown at {@code phase}. */
    static Experiment experimentAt(Phase phase) {
        Experiment e = new Experiment(BenchNetworks.CIRCLE_2_8_8_1);
        for (int s = 0; s < STEPS_BEFORE; s++) e.wholeStep();
        e.goTo(phase);
        return e;
    }

    @State(Scope.Benchmark)
    public static class StepAnswer {
        /** The action whose answer is rendered: the phase it reveals. */
        @Param({"pick", "forward", "loss", "backward", "update"})
        public String action;

        Experiment experiment;
        StepperPage.StepChanges changes;

        @Setup
        public void setUp() {
            Phase phase = Phase.fromId(action);
            experiment = experimentAt(phase);
            // as the Next button leads there: from the phase before (a new sample after the last update)
            Phase before = phase == Phase.PICK ? Phase.UPDATE : Phase.values()[phase.ordinal() - 1];
            changes = new StepperPage.StepChanges(phase == Phase.PICK, phase == Phase.UPDATE, false, before);
        }
    }

    @State(Scope.Benchmark)
    public static class Fragment {
        @Param({"controls", "status", "diagram", "trace", "dataset", "lossChart", "computes", "weights",
                "collapse", "history"})
        public String fragment;

        Experiment experiment;

        @Setup
        public void setUp() {
            experiment = experimentAt(Phase.UPDATE);
        }

        Tag<?> render() {
            Experiment e = experiment;
            return switch (fragment) {
                case "controls" -> StepperPage.controls(e);
                case "status" -> StepperPage.status(e);
                case "diagram" -> DiagramView.diagram(e);
                case "trace" -> TraceView.trace(e);
                case "dataset" -> StepperPage.datasetTable(e);
                case "lossChart" -> ChartView.lossChart(e);
                case "computes" -> {
                    PictureCache.clear(); // the heat maps drawn afresh, as for a new network
                    yield ChartView.computes(e);
                }
                case "weights" -> WeightsView.weights(e, StepperPage.WeightEdit.EMPTY); // tables cached by network
                case "collapse" -> CollapseView.collapse(e);
                case "history" -> HistoryView.history(e, 1);
                default -> throw new IllegalArgumentException(fragment);
            };
        }
    }

    @State(Scope.Benchmark)
    public static class FullPage {
        Experiment experiment;
        ConfigForm form;

        @Setup
        public void setUp() {
            experiment = experimentAt(Phase.UPDATE);
            form = ConfigForm.of(BenchNetworks.CIRCLE_2_8_8_1);
        }
    }

    @Benchmark
    public String fullPage(FullPage state) {
        return StepperPage.render(state.experiment, state.form);
    }

    @Benchmark
    public byte[] stepAnswer(StepAnswer state) {
        return StepperPage.stepFragmentsUtf8(state.experiment, state.changes);
    }

    /** The update answer as a student first sees it: a new network, so its pictures are not cached yet. */
    @Benchmark
    public byte[] updateAnswerPicturesNotCached(FullPage state) {
        PictureCache.clear();
        WeightsView.clearCache(); // prerendered with the pictures, so not ready either
        return StepperPage.stepFragmentsUtf8(state.experiment, new StepperPage.StepChanges(false, true, false));
    }

    @Benchmark
    public String fragment(Fragment state) {
        return state.render().render();
    }
}

package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.DetailsTag;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.SectionTag;
import netstep.engine.StepTrace;
import netstep.engine.Vec;
import netstep.experiment.Experiment;
import netstep.experiment.Experiment.BatchStep;
import netstep.experiment.Phase;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;

/**
 * The trace panel: the phases of the current step (or a past one), each rendered by the view named after it
 * (PickView, ForwardView, LossView, BackwardView, UpdateView) from the engine's trace: nothing is recomputed here.
 */
final class TraceView {
    private TraceView() {
    }

    static SectionTag trace(Experiment e) {
        return trace(e, false);
    }

    /**
     * The trace; {@code inAnswer} for a step's htmx answer, which leaves the closed details of backpropagation to
     * load when opened (BackwardView.part).
     */
    static SectionTag trace(Experiment e, boolean inAnswer) {
        SectionTag section = section().withId("trace").withClass("panel");
        if (e.trace().isEmpty()) {
            return section.with(h2("One step of gradient descent"),
                    p("For each sample: 1. pick it, 2. forward pass ŷ = f(x; θ), 3. loss L, "
                            + "4. backpropagation ∂L/∂θ by the chain rule, 5. update θ ← θ − η∇θ."),
                    p(text("Press "), strong("Next"), text(" (or the key "), kbd("N"),
                            text(") to pick the first sample.")));
        }
        Phase shown = e.phase();
        int stepNumber = stepNumber(e);
        // which step and phase this trace shows: an answer that only adds phases is swapped in only here
        section.withData("at", at(stepNumber, shown));
        return render(section, e, e.trace().orElseThrow(), shown, stepNumber, e.sampleIndex(),
                e.batchStep().orElse(null), inAnswer ? stepNumber : 0);
    }

    /**
     * A body the step's answer left out (see {@link BackwardView#part}) of step {@code step}'s trace: the current
     * one once it reached backpropagation, or a completed one still kept.
     */
    static DomContent part(Experiment e, int step, String name) {
        StepTrace t = step == stepNumber(e) && Phase.BACKWARD.reached(e.phase()) ? e.trace().orElse(null)
                : e.traceOfStep(step).orElse(null);
        if (t == null) {
            return p("This step's trace is no longer kept (only the last " + Experiment.KEPT_TRACES
                    + " steps keep theirs).").withClass("hint");
        }
        return BackwardView.part(DigitsView.of(e), t, name);
    }

    private static int stepNumber(Experiment e) {
        return e.phase() == Phase.UPDATE ? e.steps() : e.steps() + 1;
    }

    private static String at(int stepNumber, Phase shown) {
        return "s" + stepNumber + "-" + shown.id;
    }

    /**
     * The phases of the current step after {@code before}, up to the one shown, as an out-of-band fragment that
     * appends them to the trace (htmx {@code beforeend}), or null when the whole trace must be sent instead. The
     * target selector names the step and phase the trace must be showing, so a page showing something else (a past
     * step, another tab's click) finds no target; netstep.js then fetches the whole trace. netstep.js also folds
     * the phase that was current, so the page ends up as {@link #trace} renders it.
     */
    static DivTag phasesAfter(Experiment e, Phase before) {
        return phasesAfter(e, before, false);
    }

    /** {@code inAnswer}: as {@link #trace(Experiment, boolean)}. */
    static DivTag phasesAfter(Experiment e, Phase before, boolean inAnswer) {
        Phase shown = e.phase();
        StepTrace t = e.trace().orElse(null);
        if (t == null || before == null || before == Phase.READY || shown == Phase.READY
                || before.ordinal() > shown.ordinal()) {
            return null;
        }
        int stepNumber = stepNumber(e);
        DivTag added = div().withClass("trace-phases").withData("at", at(stepNumber, shown))
                .attr("hx-swap-oob", "beforeend:#trace[data-at=" + at(stepNumber, before) + "]");
        for (Phase p : Phase.steps()) {
            if (p.ordinal() > before.ordinal() && p.reached(shown)) {
                added.with(phase(p, shown, e, t, e.sampleIndex(), e.batchStep().orElse(null),
                        inAnswer ? stepNumber : 0));
            }
        }
        return added;
    }

    /** A completed step from the history, every phase shown, while its trace is still kept. */
    static SectionTag pastStep(Experiment e, int step) {
        SectionTag section = section().withId("trace").withClass("panel past-step");
        StepTrace t = e.traceOfStep(step).orElse(null);
        if (t == null) {
            return section.with(h2("Step " + step), p("Only the last " + Experiment.KEPT_TRACES
                    + " steps keep their full trace."), backToCurrent());
        }
        section.with(div(text("You are looking at step " + step + " from the history. "), backToCurrent())
                .withClass("warning").attr("role", "note"));
        BatchStep batch = e.batchOfStep(step).orElse(null);
        int shownRow = batch == null ? e.record(step).orElseThrow().sampleIndex() : batch.rows().get(batch.chosen());
        return render(section, e, t, Phase.UPDATE, step, shownRow, batch, 0);
    }

    private static DomContent backToCurrent() {
        return a("Back to the current step").withHref("/#trace");
    }

    private static SectionTag render(SectionTag section, Experiment e, StepTrace t, Phase shown, int stepNumber,
                                     int sampleIndex, BatchStep batch, int lazyStep) {
        section.with(h2("Step " + stepNumber + (batch == null ? ", sample #" + (sampleIndex + 1)
                : ", a batch of " + batch.trace().batchSize() + ": " + BatchView.rows(batch.rows()) + " (showing sample #"
                        + (sampleIndex + 1) + ")")));
        for (Phase p : Phase.steps()) {
            if (p == Phase.PICK || p.reached(shown)) section.with(phase(p, shown, e, t, sampleIndex, batch, lazyStep));
        }
        return section;
    }

    /**
     * One phase's part of the trace: its summary line and its working, from the view named after the phase;
     * {@code lazyStep} as {@link BackwardView#body}.
     */
    private static DetailsTag phase(Phase p, Phase shown, Experiment e, StepTrace t, int sampleIndex,
                                    BatchStep batch, int lazyStep) {
        // a batch step (issue 14): BatchView adds the batch's numbers; the phase views show the chosen sample
        Digits d = DigitsView.of(e);
        String batchSummary = BatchView.summaryLine(d, p, batch);
        return switch (p) {
            case PICK -> phase(p, shown, or(batchSummary, PickView.summaryLine(d, t)), div(BatchView.pick(e, batch),
                    BatchView.sampleHeading(batch, "x and y"), PickView.body(e, t, sampleIndex), BatchView.rawPoint(e, t.x(), sampleIndex)));
            case FORWARD -> phase(p, shown, or(batchSummary, ForwardView.summaryLine(d, t)),
                    div(BatchView.forward(e, batch),
                    BatchView.sampleHeading(batch, "its forward pass"), ForwardView.body(e, t)));
            case LOSS -> phase(p, shown, or(batchSummary, LossView.summaryLine(d, t)),
                    div(BatchView.loss(e, batch),
                    BatchView.sampleHeading(batch, "its loss Lₛ"), LossView.body(d, t)));
            case BACKWARD -> phase(p, shown, or(batchSummary, BackwardView.summaryLine(t)),
                    div(BatchView.backward(e, batch),
                    BatchView.sampleHeading(batch, "its gradients ∂Lₛ/∂θ by the chain rule"),
                    BackwardView.body(e, t, lazyStep)));
            // the one-sample update would use this sample's gradient: a batch's uses the mean
            case UPDATE -> phase(p, shown, or(batchSummary, UpdateView.summaryLine(d, t)),
                    batch == null ? UpdateView.body(e, t) : BatchView.update(e, batch));
            default -> throw new IllegalArgumentException(p.name());
        };
    }

    private static String or(String first, String fallback) {
        return first != null ? first : fallback;
    }

    private static DetailsTag phase(Phase p, Phase shown, String summary, DomContent body) {
        boolean current = p == shown;
        DetailsTag d = details(
                summary(span(p.ordinal() + ". " + p.label).withClass("phase-title"),
                        span(" — " + summary).withClass("phase-summary")),
                body).withId("phase-" + p.id).withClass(current ? "phase current" : "phase done");
        if (current) d.attr("open");
        return d;
    }

    static String vector(Digits d, Vec v) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) parts.add(d.f(v.get(i)));
        return "[" + String.join(", ", parts) + "]";
    }
}

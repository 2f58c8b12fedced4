package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.ButtonTag;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.FormTag;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;

/** The step controls (a button per phase, Next, Whole step, Finish epoch, Reset) and the status line. */
final class ControlsView {
    private ControlsView() {
    }

    /** The step buttons; every one posts to /step, and the answer is a set of out-of-band fragments. */
    static FormTag controls(Experiment e) {
        Phase shown = e.phase();
        List<DomContent> phaseButtons = new ArrayList<>();
        int number = 1;
        for (Phase p : Phase.steps()) {
            boolean inProgress = e.stepInProgress();
            String state = inProgress && p.ordinal() < shown.ordinal() ? "done"
                    : inProgress && p == shown ? "current" : "todo";
            if (!inProgress && shown == Phase.UPDATE && p != Phase.UPDATE) state = "done";
            if (!inProgress && shown == Phase.UPDATE && p == Phase.UPDATE) state = "current";
            ButtonTag b = actionButton(p.id, number + ". " + p.label, p.key).withClass("phase-button " + state);
            if (state.equals("current")) b.attr("aria-current", "step");
            if (!StepperPage.hidden(e.tailoring().orElse(null), p.id)) phaseButtons.add(b);
            number++;
        }
        Phase next = shown.next();
        String nextLabel = shown == Phase.UPDATE || shown == Phase.READY ? "Next: pick a sample" : "Next: " + next.label;
        return form(
                div(phaseButtons.toArray(DomContent[]::new)).withClass("phase-buttons").attr("role", "group")
                        .attr("aria-label", "Phases of one step"),
                div(
                        unlessHidden(e, "next", actionButton("next", nextLabel + " ▶", "n").withClass("primary next-button")),
                        unlessHidden(e, "whole", actionButton("whole", "Whole step", "s")),
                        unlessHidden(e, "epoch", actionButton("epoch", "Finish epoch", "e")
                                .withTitle("Every sample not yet used in this epoch gets one whole step")),
                        unlessHidden(e, "reset", actionButton("reset", "Reset", "r")
                                .withTitle("Re-initialise the weights from the seed"))
                ).withClass("run-buttons")
        ).withId("controls").withMethod("post").withAction("/step")
                // the answer is a set of out-of-band fragments, each swapped by its id
                .attr("hx-post", "/step").attr("hx-swap", "none");
    }

    private static ButtonTag unlessHidden(Experiment e, String action, ButtonTag button) {
        return StepperPage.hidden(e.tailoring().orElse(null), action) ? null : button;
    }

    private static ButtonTag actionButton(String action, String label, String key) {
        return button(text(label + " "), kbd(key.toUpperCase())).withType("submit").withName("action").withValue(action)
                .withData("key", key).attr("aria-keyshortcuts", key);
    }

    /** With batches an epoch is ⌈N/b⌉ steps: where the student is, in steps and samples. */
    private static String batchPosition(Experiment e, int size, int b) {
        int done = e.positionInEpoch();
        int perEpoch = e.stepsPerEpoch();
        return e.stepInProgress()
                ? "batch " + ((done + b - 1) / b + 1) + " of " + perEpoch + ", b = " + b + ", in this epoch"
                : done + " of " + size + " samples done in this epoch (" + perEpoch + " batches of b = " + b + ")";
    }

    static DivTag status(Experiment e) {
        int size = e.dataset().size();
        int b = e.config().batchSize();
        String position = b > 1 ? batchPosition(e, size, b) : e.stepInProgress()
                ? "sample " + (e.positionInEpoch() + 1) + " of " + size + " in this epoch"
                : e.positionInEpoch() + " of " + size + " samples done in this epoch";
        return div(
                // steps done, not the step shown: the trace calls the step in progress "Step n + 1, in progress"
                span(text("Steps done "), strong(String.valueOf(e.steps())).withId("step-count")),
                span(text("Epoch "), strong(String.valueOf(e.epochs())).withId("epoch-count"),
                        text(" (" + position + ")")),
                span(text("Phase: "), strong(e.phase().label).withId("phase-name")),
                span(text("Mean training loss "), strong(DigitsView.of(e).f(e.currentMeanLoss())).withId("mean-loss")
                        .withTitle(Num.exact(e.currentMeanLoss()))),
                span(a("Loss curve").withHref("#loss-chart"), text(" · "),
                        a("What it computes").withHref("#computes")).withClass("jumps")
        ).withId("status").withClass("status").attr("aria-live", "polite");
    }
}

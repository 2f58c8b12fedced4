package netstep.view;

import netstep.view.render.*;

import j2html.tags.specialized.SectionTag;
import netstep.experiment.Experiment;
import netstep.experiment.TrainingRun;

import java.util.Locale;

import static j2html.TagCreator.*;

/**
 * "Train N epochs": the form, then the progress of the run (which polls itself every 500 ms with htmx),
 * then how the last run ended. Without JavaScript the student reloads the page to see the progress.
 */
public final class TrainingView {
    public static final String IN_PROGRESS = "Training is in progress: wait for it to finish, or cancel it, "
            + "before stepping again.";
    static final int DEFAULT_EPOCHS = 100;

    private TrainingView() {
    }

    public static SectionTag panel(Experiment e) {
        SectionTag panel = section(h2("Train many epochs")).withId("training").withClass("panel training");
        return e.training().map(run -> running(panel, e, run)).orElseGet(() -> idle(panel, e));
    }

    private static SectionTag running(SectionTag panel, Experiment e, TrainingRun run) {
        String what = run.state() == TrainingRun.State.QUEUED ? "Waiting for a free worker…"
                : run.cancelRequested() ? "Stopping…"
                : "Training: epoch " + count(run.completedEpochs()) + " of " + count(run.epochs()) + ".";
        return panel.attr("hx-get", "/training").attr("hx-trigger", "every 500ms").attr("hx-target", "this")
                .attr("hx-swap", "outerHTML").attr("aria-busy", "true").with(
                        p(what).withId("training-status").attr("aria-live", "polite"),
                        progress().withId("training-progress").attr("max", run.totalSteps())
                                .attr("value", run.completedSteps()),
                        p(count(run.completedSteps()) + " of " + count(run.totalSteps()) + " steps")
                                .withClass("hint"),
                        form(button("Cancel training").withType("submit").withId("training-cancel"),
                                a("Refresh to see progress").withHref("/").withClass("hint"))
                                .withMethod("post").withAction("/train/cancel").attr("hx-post", "/train/cancel")
                                .attr("hx-target", "#training").attr("hx-swap", "outerHTML"));
    }

    private static SectionTag idle(SectionTag panel, Experiment e) {
        panel.with(form(
                label("Epochs").attr("for", "epochs"),
                input().withType("number").withName("epochs").withId("epochs").withValue(String.valueOf(DEFAULT_EPOCHS))
                        .attr("min", "1").attr("max", String.valueOf(Experiment.MAX_TRAINING_EPOCHS)).attr("step", "1")
                        .attr("inputmode", "numeric").isRequired(),
                button("Train").withType("submit").withId("training-start"),
                span("Whole steps on a worker, with the progress shown here; cancel keeps what was learned.")
                        .withClass("hint")
        ).withId("training-form").withMethod("post").withAction("/train").attr("hx-post", "/train")
                .attr("hx-target", "#workspace").attr("hx-swap", "outerHTML"));
        e.lastTraining().ifPresent(run -> panel.with(p(outcome(run)).withId("training-outcome")));
        return panel;
    }

    private static String outcome(TrainingRun run) {
        String took = String.format(Locale.ROOT, "%.1f s", run.elapsedMillis() / 1000.0);
        return switch (run.state()) {
            case DONE -> "Trained " + count(run.epochs()) + " epochs (" + count(run.completedSteps()) + " steps) in "
                    + took + ".";
            case CANCELLED -> "Cancelled after " + count(run.completedSteps()) + " of " + count(run.totalSteps())
                    + " steps; the network keeps what it learned.";
            case DIVERGED -> "Stopped after " + count(run.completedSteps()) + " steps: training diverged.";
            default -> "";
        };
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}

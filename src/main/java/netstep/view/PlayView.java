package netstep.view;

import j2html.tags.specialized.FormTag;
import netstep.experiment.Experiment;

import static j2html.TagCreator.*;

/**
 * Play / pause and "Train N steps". Play (static/netstep.js) clicks Next or Whole step again each time the
 * previous answer has arrived and the chosen pause has passed, so one request at a time and no server thread
 * waits for it; Pause stops before the next click, leaving the step on screen. Without JavaScript the play
 * controls stay hidden and "Train N steps" takes the steps in one post.
 */
final class PlayView {
    /** The steps "Train N steps" offers first: enough to see the loss move, few enough to follow. */
    static final int DEFAULT_STEPS = 10;

    private PlayView() {
    }

    static FormTag play(Experiment e) {
        if (StepperPage.hidden(e.tailoring().orElse(null), "whole")) return null;
        return form(
                span(
                        button(text("Play "), kbd("P")).withType("button").withId("play-button")
                                .withData("key", "p").attr("aria-keyshortcuts", "p").attr("aria-pressed", "false"),
                        label(" at ").attr("for", "play-speed"),
                        select(option("1 per second").withValue("1000"), option("2 per second").withValue("500")
                                        .attr("selected"), option("5 per second").withValue("200"),
                                option("10 per second").withValue("100"))
                                .withId("play-speed").attr("aria-label", "Speed"),
                        text(" "),
                        select(option("phase by phase").withValue("next"), option("whole steps").withValue("whole"))
                                .withId("play-unit").attr("aria-label", "Play phase by phase or whole steps")
                ).withId("play-controls").withClass("play-controls").attr("hidden"),
                span(
                        label("Train ").attr("for", "train-steps"),
                        input().withType("number").withName("steps").withId("train-steps")
                                .withValue(String.valueOf(DEFAULT_STEPS)).attr("min", "1")
                                .attr("max", String.valueOf(Experiment.MAX_STEPS_AT_ONCE)).attr("step", "1")
                                .attr("inputmode", "numeric"),
                        text(" "),
                        button("steps").withType("submit").withName("action").withValue("steps")
                                .withTitle("Whole steps in a row, each as if you clicked Whole step")
                ).withClass("train-steps")
        ).withId("play-form").withClass("play-form").withMethod("post").withAction("/step")
                // like the step buttons: the answer is the changed fragments, out of band
                .attr("hx-post", "/step").attr("hx-swap", "none");
    }
}

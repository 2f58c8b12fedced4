package netstep.view;

import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.FieldsetTag;
import j2html.tags.specialized.SelectTag;
import netstep.data.InputFeature;
import netstep.engine.Regularization;
import netstep.experiment.ConfigForm;

import java.util.List;
import java.util.Set;

import static j2html.TagCreator.*;

/**
 * The configuration form's training controls of issue 14: input features as tick boxes, the batch size b and the
 * regularization with its strength λ. The form's other fields stay in {@link StepperPage}.
 */
final class TrainingControlsView {
    private TrainingControlsView() {
    }

    /**
     * One tick box per feature of a 2-D point, all named {@link ConfigForm#FEATURES} (the controller joins the ticked
     * ids with commas). None ticked means x₁, x₂ as they are.
     */
    static FieldsetTag features(ConfigForm form, Set<String> locked) {
        boolean isLocked = locked.contains(ConfigForm.FEATURES);
        List<InputFeature> chosen;
        try {
            chosen = InputFeature.parse(form.value(ConfigForm.FEATURES));
        } catch (IllegalArgumentException e) {
            chosen = List.of(); // the typed text is refused with a message below
        }
        DivTag boxes = div().withClass("feature-boxes");
        for (InputFeature f : InputFeature.values()) {
            String id = "feature-" + f.id;
            var box = input().withType("checkbox").withName(ConfigForm.FEATURES).withValue(f.id).withId(id)
                    .withCondChecked(chosen.contains(f));
            if (isLocked) box.attr("disabled").attr("title", "Locked by this lesson");
            boxes.with(label(box, text(" " + f.label)).attr("for", id).withClass("feature-box"));
        }
        FieldsetTag set = fieldset(legend(text("Input features (2-D data)"),
                        isLocked ? span(" locked").withClass("badge") : null),
                boxes,
                small("None ticked: x₁, x₂ as they are. Each ticked feature is one input of the network, so the "
                        + "input layer's width follows.").withClass("hint"))
                .withId(ConfigForm.FEATURES).withClass("features");
        form.error(ConfigForm.FEATURES).ifPresent(message -> set.withClass("features invalid")
                .with(p(message).withClass("error").withId(ConfigForm.FEATURES + "-error").attr("role", "alert")));
        return set;
    }

    /** The batch size b, the regularization and λ. */
    static DivTag batchAndRegularization(ConfigForm form, Set<String> locked) {
        SelectTag kinds = select().withName(ConfigForm.REGULARIZATION).withId(ConfigForm.REGULARIZATION);
        String kind = form.value(ConfigForm.REGULARIZATION);
        for (Regularization.Kind k : Regularization.Kind.values()) {
            boolean selected = k.id.equals(kind) || (kind.isEmpty() && k == Regularization.Kind.NONE);
            kinds.with(option(k == Regularization.Kind.NONE ? "none" : k.label + ": " + k.formula).withValue(k.id).withCondSelected(selected));
        }
        return div(
                field(form, locked, ConfigForm.BATCH_SIZE, "Batch size b",
                        input().withType("number").withName(ConfigForm.BATCH_SIZE).withId(ConfigForm.BATCH_SIZE)
                                .withValue(form.value(ConfigForm.BATCH_SIZE)).attr("min", "1").attr("step", "1")
                                .attr("inputmode", "numeric"),
                        "Samples a step: 1 is the lecture's SGD, N (all samples) is full-batch gradient descent. "
                                + "An epoch is ⌈N/b⌉ steps."),
                field(form, locked, ConfigForm.REGULARIZATION, "Regularization R", kinds,
                        "On the weights, not the biases: the step descends L + λR."),
                field(form, locked, ConfigForm.LAMBDA, "Strength λ",
                        input().withType("number").withName(ConfigForm.LAMBDA).withId(ConfigForm.LAMBDA)
                                .withValue(form.value(ConfigForm.LAMBDA)).attr("min", "0")
                                .attr("max", String.valueOf((int) Regularization.MAX_LAMBDA)).attr("step", "any")
                                .attr("inputmode", "decimal").attr("placeholder", "e.g. 0.01"),
                        "From 0 to " + (int) Regularization.MAX_LAMBDA + "; read with L2 or L1 only."))
                .withClass("training-controls");
    }

    /** "Input layer: 5 inputs, x₁, x₂, x₁², x₂², x₁x₂" under the live parameter count, when features are ticked. */
    static DomContent inputLayer(ConfigForm form) {
        List<InputFeature> chosen;
        try {
            chosen = InputFeature.parse(form.value(ConfigForm.FEATURES));
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (chosen.isEmpty()) return null;
        return p(text("Input layer: "), span(String.valueOf(chosen.size())).withId("param-inputs"),
                text(" input" + (chosen.size() == 1 ? "" : "s") + ", " + InputFeature.labels(chosen)))
                .withClass("input-layer");
    }

    /** A labelled control, disabled when the lesson locks it, with its hint and its error. */
    private static DivTag field(ConfigForm form, Set<String> locked, String name, String label,
                                j2html.tags.Tag<?> control, String hint) {
        boolean isLocked = locked.contains(name);
        if (isLocked) control.attr("disabled").attr("title", "Locked by this lesson");
        DivTag d = div(label(text(label), isLocked ? span(" locked").withClass("badge") : null).attr("for", name),
                control).withClass("field");
        if (hint != null) d.with(small(hint).withClass("hint"));
        form.error(name).ifPresent(message -> d.withClass("field invalid")
                .with(p(message).withClass("error").withId(name + "-error").attr("role", "alert")));
        return d;
    }
}

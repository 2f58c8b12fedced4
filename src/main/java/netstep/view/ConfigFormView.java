package netstep.view;

import j2html.tags.DomContent;
import j2html.tags.specialized.DetailsTag;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.FormTag;
import j2html.tags.specialized.SelectTag;
import netstep.data.BuiltIn;
import netstep.data.CsvData;
import netstep.data.Datasets;
import netstep.engine.Activation;
import netstep.engine.Loss;
import netstep.engine.ParameterCount;
import netstep.engine.SampleOrder;
import netstep.experiment.ConfigForm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static j2html.TagCreator.*;

/** The configuration form ("Configure the MLP"): the network, the training settings and the live parameter count. */
final class ConfigFormView {
    private ConfigFormView() {
    }

    /** The form, folded into its one-line summary unless {@code open}; fields a lesson locks are disabled. */
    static DetailsTag configSection(ConfigForm form, boolean open, Set<String> locked) {
        FormTag f = form().withId("config-form").withMethod("post").withAction("/configure")
                .attr("hx-post", "/configure").attr("hx-target", "#app").attr("hx-swap", "outerHTML")
                .with(
                        networkFields(form, locked),
                        trainingFields(form, locked),
                        liveParameterCount(form),
                        div(button("Build network").withType("submit").withClass("primary"),
                                span("Starts over from the seed.").withClass("hint")).withClass("form-actions"));
        if (!locked.isEmpty()) {
            f.with(p("Settings marked \"locked\" belong to this lesson and keep its values; choose Free play in the "
                    + "lesson menu to change them.").withClass("hint locked-note"));
        }
        DetailsTag details = details(summary(h2("Configure the MLP"), span(describe(form)).withClass("config-summary")),
                f).withId("config").withClass("panel config").withData("locked", String.join(" ", locked));
        if (open) details.attr("open");
        return details;
    }

    private static DomContent networkFields(ConfigForm form, Set<String> locked) {
        return fieldset(legend("Network"),
                field(form, locked, ConfigForm.INPUTS, "Inputs", numberInput(form, ConfigForm.INPUTS, "1", "64", "1")),
                field(form, locked, ConfigForm.HIDDEN, "Hidden layer widths",
                        input().withType("text").withName(ConfigForm.HIDDEN).withId(ConfigForm.HIDDEN)
                                .withValue(form.value(ConfigForm.HIDDEN)).attr("placeholder", "e.g. 4 or 4,4")
                                .attr("inputmode", "text").attr("autocomplete", "off"),
                        "Comma-separated; empty = one linear layer (the perceptron)."),
                field(form, locked, ConfigForm.OUTPUTS, "Outputs", numberInput(form, ConfigForm.OUTPUTS, "1", "64", "1")),
                field(form, locked, ConfigForm.HIDDEN_ACTIVATION, "Hidden activation",
                        select(form, ConfigForm.HIDDEN_ACTIVATION, activationOptions())),
                field(form, locked, ConfigForm.OUTPUT_ACTIVATION, "Output activation",
                        select(form, ConfigForm.OUTPUT_ACTIVATION, activationOptions())),
                field(form, locked, ConfigForm.SLOPE, "Leaky ReLU slope a",
                        numberInput(form, ConfigForm.SLOPE, "0", "1", "any")));
    }

    private static DomContent trainingFields(ConfigForm form, Set<String> locked) {
        return fieldset(legend("Training"),
                field(form, locked, ConfigForm.DATASET, "Dataset", datasetSelect(form)),
                datasetParameters(form, locked),
                featuresField(form, locked),
                field(form, locked, ConfigForm.LOSS, "Loss L", select(form, ConfigForm.LOSS, lossOptions())),
                field(form, locked, ConfigForm.LEARNING_RATE, "Learning rate η",
                        numberInput(form, ConfigForm.LEARNING_RATE, "0", "10", "any")),
                field(form, locked, ConfigForm.SEED, "Random seed", numberInput(form, ConfigForm.SEED, "0", null, "1")),
                field(form, locked, ConfigForm.ORDER, "Sample order", select(form, ConfigForm.ORDER, orderOptions())),
                field(form, locked, ConfigForm.BIASES, "Biases", select(form, ConfigForm.BIASES,
                        options(List.of(true, false),
                                trained -> trained ? ConfigForm.BIASES_TRAINED : ConfigForm.BIASES_FROZEN,
                                trained -> trained ? "trained" : "frozen (not trained)"))));
    }

    /** Input features of 2-D data (issue 14): feature ids, as the hidden widths are typed. */
    private static DivTag featuresField(ConfigForm form, Set<String> locked) {
        return field(form, locked, ConfigForm.FEATURES, "Input features (2-D data)",
                input().withType("text").withName(ConfigForm.FEATURES).withId(ConfigForm.FEATURES)
                        .withValue(form.value(ConfigForm.FEATURES)).attr("placeholder", "e.g. x1sq,x2sq")
                        .attr("autocomplete", "off"),
                "Empty = x₁, x₂ as they are. Any of " + java.util.Arrays.stream(netstep.data.InputFeature.values())
                        .map(f -> f.id + " (" + f.label + ")").collect(java.util.stream.Collectors.joining(", "))
                        + "; the inputs follow.");
    }

    private static String describe(ConfigForm form) {
        return form.config().map(c -> String.join("-", c.sizes().stream().map(String::valueOf).toList()) + ", "
                + c.hiddenActivation().label() + " / " + c.outputActivation().label() + ", " + c.loss().label
                + " loss, η = " + form.value(ConfigForm.LEARNING_RATE) + ", " + c.parameterCount().total()
                + " parameters").orElse("");
    }

    /**
     * The live parameter count. Its wrapper, which is never swapped, asks for a fresh count whenever the form
     * changes (replacing any request still in flight), so no keystroke's update is lost with a swapped element.
     */
    static DivTag liveParameterCount(ConfigForm form) {
        return div(parameterCount(form)).withId("param-count-live").withClass("param-count")
                .attr("hx-post", "/parameters").attr("hx-include", "#config-form")
                .attr("hx-target", "#param-count").attr("hx-swap", "outerHTML").attr("hx-sync", "this:replace")
                .attr("hx-trigger", "input from:#config-form delay:200ms, change from:#config-form")
                .attr("aria-live", "polite");
    }

    static DivTag parameterCount(ConfigForm form) {
        DivTag box = div().withId("param-count");
        return form.parameterCount()
                .map(count -> box.with(parameterFormula(count, "param")))
                .orElseGet(() -> box.with(p("Parameters: — (fix the sizes above to count them)")));
    }

    /** The lecture's count of weights and biases; {@code idPrefix} names the formula and total for tests. */
    static DivTag parameterFormula(ParameterCount count, String idPrefix) {
        List<DomContent> perLayer = new ArrayList<>();
        List<Integer> sizes = count.sizes();
        for (int l = 1; l < sizes.size(); l++) {
            int in = sizes.get(l - 1);
            int out = sizes.get(l);
            perLayer.add(li("Layer " + l + ": " + MathView.sym("W", l) + " is " + out + "×" + in + " ("
                    + (in * out) + " weight" + (in * out == 1 ? "" : "s") + "), " + MathView.sym("b", l) + " has "
                    + out + " (" + out + " bias" + (out == 1 ? "" : "es") + ")"));
        }
        return div(
                p(strong("Parameters: "), span(count.formula()).withId(idPrefix + "-formula")),
                p(span(String.valueOf(count.total())).withId(idPrefix + "-total").withClass("big-number"),
                        text(" parameters in the network " + String.join("-", sizes.stream().map(String::valueOf).toList()))),
                ul(perLayer.toArray(DomContent[]::new)).withClass("per-layer"));
    }

    /** The built-in dataset's parameters, folded away unless one of them was refused. */
    private static DetailsTag datasetParameters(ConfigForm form, Set<String> locked) {
        DetailsTag d = details(summary("Dataset size, noise, test split, seed"),
                field(form, locked, ConfigForm.SIZE, "Samples", numberInput(form, ConfigForm.SIZE, "1", "5000", "1")),
                field(form, locked, ConfigForm.NOISE, "Noise", numberInput(form, ConfigForm.NOISE, "0", "1", "any")),
                field(form, locked, ConfigForm.TEST_FRACTION, "Test fraction",
                        numberInput(form, ConfigForm.TEST_FRACTION, "0", "0.5", "any"),
                        "Held out from training: the loss curve shows their loss too."),
                field(form, locked, ConfigForm.DATA_SEED, "Data seed", numberInput(form, ConfigForm.DATA_SEED, "0", null, "1")),
                p("Empty fields take the dataset's defaults. The lecture's table, AND, OR and XOR have fixed samples.")
                        .withClass("hint")).withClass("dataset-options");
        boolean refused = java.util.stream.Stream.of(ConfigForm.SIZE, ConfigForm.NOISE, ConfigForm.TEST_FRACTION,
                ConfigForm.DATA_SEED).anyMatch(f -> form.error(f).isPresent());
        if (refused) d.attr("open");
        return d;
    }

    private static DivTag field(ConfigForm form, Set<String> locked, String name, String label, DomContent control) {
        return field(form, locked, name, label, control, null);
    }

    /** A labelled control; a field the lesson locks is shown but disabled (the server keeps its value anyway). */
    private static DivTag field(ConfigForm form, Set<String> locked, String name, String label, DomContent control,
                                String hint) {
        boolean isLocked = locked.contains(name) && control instanceof j2html.tags.Tag<?>;
        if (isLocked) ((j2html.tags.Tag<?>) control).attr("disabled").attr("title", "Locked by this lesson");
        DivTag d = div(label(text(label), isLocked ? span(" locked").withClass("badge") : null).attr("for", name), control)
                .withClass("field");
        if (hint != null) d.with(small(hint).withClass("hint"));
        form.error(name).ifPresent(message -> d.withClass("field invalid")
                .with(p(message).withClass("error").withId(name + "-error").attr("role", "alert")));
        return d;
    }

    private static DomContent numberInput(ConfigForm form, String name, String min, String max, String step) {
        var in = input().withType("number").withName(name).withId(name).withValue(form.value(name))
                .attr("step", step).attr("inputmode", "decimal");
        if (min != null) in.attr("min", min);
        if (max != null) in.attr("max", max);
        return in;
    }

    private static SelectTag select(ConfigForm form, String name, Map<String, String> options) {
        String chosen = form.value(name);
        SelectTag select = j2html.TagCreator.select().withName(name).withId(name);
        options.forEach((id, label) -> select.with(option(label).withValue(id).withCondSelected(id.equals(chosen))));
        return select;
    }

    private static Map<String, String> activationOptions() {
        return options(List.of(Activation.Kind.values()), k -> k.id, k -> k.label);
    }

    private static Map<String, String> lossOptions() {
        return options(List.of(Loss.values()), l -> l.id, l -> l.label + ": " + l.formula);
    }

    private static Map<String, String> orderOptions() {
        return options(List.of(SampleOrder.values()), o -> o.id, o -> o.label);
    }

    /** The dataset menu; each built-in option carries its widths, which netstep.js copies into inputs and outputs. */
    private static SelectTag datasetSelect(ConfigForm form) {
        String chosen = form.value(ConfigForm.DATASET);
        SelectTag select = j2html.TagCreator.select().withName(ConfigForm.DATASET).withId(ConfigForm.DATASET);
        for (BuiltIn b : Datasets.catalogue()) {
            select.with(option(b.title()).withValue(b.id()).withCondSelected(b.id().equals(chosen))
                    .withData("inputs", String.valueOf(b.inputs())).withData("outputs", String.valueOf(b.outputs())));
        }
        if (CsvData.CUSTOM.equals(chosen)) select.with(option("Your own data").withValue(CsvData.CUSTOM).isSelected());
        return select;
    }

    private static <T> Map<String, String> options(List<T> items, Function<T, String> id, Function<T, String> label) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (T item : items) m.put(id.apply(item), label.apply(item));
        return m;
    }
}

package netstep.view;

import j2html.tags.DomContent;
import j2html.tags.specialized.ButtonTag;
import j2html.tags.specialized.DetailsTag;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.FormTag;
import j2html.tags.specialized.SectionTag;
import j2html.tags.specialized.SelectTag;
import netstep.data.Dataset;
import netstep.data.Datasets;
import netstep.engine.Activation;
import netstep.engine.Loss;
import netstep.engine.ParameterCount;
import netstep.engine.SampleOrder;
import netstep.experiment.ConfigForm;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static j2html.TagCreator.*;

/**
 * The stepper: configure an MLP, then step through one sample phase by phase.
 * Each fragment method returns a tag with a stable id, used both in the full page and alone for htmx.
 */
public final class StepperPage {
    private StepperPage() {
    }

    public static String render(Experiment experiment, ConfigForm form) {
        return Layout.page("netstep — step through how a neural network learns", app(experiment, form));
    }

    /** Configuration and workspace: what a configuration change replaces. */
    public static DivTag app(Experiment experiment, ConfigForm form) {
        // once stepping has begun the form folds away, so the step itself fills a projector's screen
        boolean open = !form.valid() || experiment.trace().isEmpty();
        return div(configSection(form, open), workspace(experiment)).withId("app");
    }

    // ---------------------------------------------------------------- configuration

    public static DetailsTag configSection(ConfigForm form, boolean open) {
        FormTag f = form().withId("config-form").withMethod("post").withAction("/configure")
                .attr("hx-post", "/configure").attr("hx-target", "#app").attr("hx-swap", "outerHTML")
                .with(
                        fieldset(legend("Network"),
                                field(form, ConfigForm.INPUTS, "Inputs", numberInput(form, ConfigForm.INPUTS, "1", "64", "1")),
                                field(form, ConfigForm.HIDDEN, "Hidden layer widths",
                                        input().withType("text").withName(ConfigForm.HIDDEN).withId(ConfigForm.HIDDEN)
                                                .withValue(form.value(ConfigForm.HIDDEN)).attr("placeholder", "e.g. 4 or 4,4")
                                                .attr("inputmode", "text").attr("autocomplete", "off"),
                                        "Comma-separated; empty = one linear layer (the perceptron)."),
                                field(form, ConfigForm.OUTPUTS, "Outputs", numberInput(form, ConfigForm.OUTPUTS, "1", "64", "1")),
                                field(form, ConfigForm.HIDDEN_ACTIVATION, "Hidden activation",
                                        select(form, ConfigForm.HIDDEN_ACTIVATION, activationOptions())),
                                field(form, ConfigForm.OUTPUT_ACTIVATION, "Output activation",
                                        select(form, ConfigForm.OUTPUT_ACTIVATION, activationOptions())),
                                field(form, ConfigForm.SLOPE, "Leaky ReLU slope a",
                                        numberInput(form, ConfigForm.SLOPE, "0", "1", "any"))),
                        fieldset(legend("Training"),
                                field(form, ConfigForm.DATASET, "Dataset", select(form, ConfigForm.DATASET, datasetOptions())),
                                field(form, ConfigForm.LOSS, "Loss L", select(form, ConfigForm.LOSS, lossOptions())),
                                field(form, ConfigForm.LEARNING_RATE, "Learning rate η",
                                        numberInput(form, ConfigForm.LEARNING_RATE, "0", "10", "any")),
                                field(form, ConfigForm.SEED, "Random seed", numberInput(form, ConfigForm.SEED, "0", null, "1")),
                                field(form, ConfigForm.ORDER, "Sample order", select(form, ConfigForm.ORDER, orderOptions()))),
                        parameterCount(form),
                        div(button("Build network").withType("submit").withClass("primary"),
                                span("Starts over from the seed.").withClass("hint")).withClass("form-actions"));
        DetailsTag details = details(summary(h2("Configure the MLP"), span(describe(form)).withClass("config-summary")),
                f).withId("config").withClass("panel config");
        if (open) details.attr("open");
        return details;
    }

    private static String describe(ConfigForm form) {
        return form.config().map(c -> String.join("-", c.sizes().stream().map(String::valueOf).toList()) + ", "
                + c.hiddenActivation().label() + " / " + c.outputActivation().label() + ", " + c.loss().label
                + " loss, η = " + form.value(ConfigForm.LEARNING_RATE) + ", " + c.parameterCount().total()
                + " parameters").orElse("");
    }

    /** The live parameter count; it asks for itself again whenever the form changes. */
    public static DivTag parameterCount(ConfigForm form) {
        DivTag box = div().withId("param-count").withClass("param-count")
                .attr("hx-post", "/parameters").attr("hx-include", "#config-form")
                .attr("hx-target", "this").attr("hx-swap", "outerHTML")
                .attr("hx-trigger", "input from:#config-form delay:200ms, change from:#config-form")
                .attr("aria-live", "polite");
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

    private static DivTag field(ConfigForm form, String name, String label, DomContent control) {
        return field(form, name, label, control, null);
    }

    private static DivTag field(ConfigForm form, String name, String label, DomContent control, String hint) {
        DivTag d = div(label(label).attr("for", name), control).withClass("field");
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

    private static Map<String, String> datasetOptions() {
        return options(Datasets.all(), Dataset::id, Dataset::title);
    }

    private static <T> Map<String, String> options(List<T> items, Function<T, String> id, Function<T, String> label) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (T item : items) m.put(id.apply(item), label.apply(item));
        return m;
    }

    // ---------------------------------------------------------------- workspace

    /** Everything a step changes: controls, counters, the trace, the weights and the dataset. */
    public static SectionTag workspace(Experiment e) {
        return section(
                controls(e),
                status(e),
                notice(e),
                TrainingView.panel(e),
                TraceView.trace(e),
                WeightsView.weights(e),
                datasetTable(e)
        ).withId("workspace");
    }

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
            phaseButtons.add(b);
            number++;
        }
        Phase next = shown.next();
        String nextLabel = shown == Phase.UPDATE || shown == Phase.READY ? "Next: pick a sample" : "Next: " + next.label;
        return form(
                div(phaseButtons.toArray(DomContent[]::new)).withClass("phase-buttons").attr("role", "group")
                        .attr("aria-label", "Phases of one step"),
                div(
                        actionButton("next", nextLabel + " ▶", "n").withClass("primary next-button"),
                        actionButton("whole", "Whole step", "s"),
                        actionButton("epoch", "Finish epoch", "e")
                                .withTitle("Every sample not yet used in this epoch gets one whole step"),
                        actionButton("reset", "Reset", "r").withTitle("Re-initialise the weights from the seed")
                ).withClass("run-buttons")
        ).withId("controls").withMethod("post").withAction("/step")
                .attr("hx-post", "/step").attr("hx-target", "#workspace").attr("hx-swap", "outerHTML");
    }

    private static ButtonTag actionButton(String action, String label, String key) {
        return button(text(label + " "), kbd(key.toUpperCase())).withType("submit").withName("action").withValue(action)
                .withData("key", key).attr("aria-keyshortcuts", key);
    }

    static DivTag status(Experiment e) {
        int size = e.dataset().size();
        String position = e.stepInProgress()
                ? "sample " + (e.positionInEpoch() + 1) + " of " + size + " in this epoch"
                : e.positionInEpoch() + " of " + size + " samples done in this epoch";
        return div(
                span(text("Step "), strong(String.valueOf(e.steps())).withId("step-count")),
                span(text("Epoch "), strong(String.valueOf(e.epochs())).withId("epoch-count"),
                        text(" (" + position + ")")),
                span(text("Phase: "), strong(e.phase().label).withId("phase-name")),
                span(text("Mean training loss "), strong(Num.f(e.currentMeanLoss())).withId("mean-loss")
                        .withTitle(Num.exact(e.currentMeanLoss())))
        ).withId("status").withClass("status").attr("aria-live", "polite");
    }

    static DivTag notice(Experiment e) {
        return NoticeView.notice(e);
    }

    static SectionTag datasetTable(Experiment e) {
        Dataset d = e.dataset();
        int shownRows = Math.min(d.size(), 50);
        List<DomContent> head = new ArrayList<>();
        head.add(th("#"));
        for (int i = 0; i < d.inputs(); i++) head.add(th("x[" + (i + 1) + "]"));
        for (int k = 0; k < d.outputs(); k++) head.add(th("y[" + (k + 1) + "]"));
        List<DomContent> rows = new ArrayList<>();
        boolean marked = e.trace().isPresent();
        for (int s = 0; s < shownRows; s++) {
            List<DomContent> cells = new ArrayList<>();
            cells.add(td(String.valueOf(s + 1)));
            for (double v : d.x(s)) cells.add(MathView.cell(v));
            for (double v : d.y(s)) cells.add(MathView.cell(v).withClass("target"));
            var row = tr(cells.toArray(DomContent[]::new)).withId("sample-" + (s + 1));
            if (marked && s == e.sampleIndex()) row.withClass("current-sample").attr("aria-current", "true");
            rows.add(row);
        }
        return section(
                h2("Dataset: " + d.title()),
                p(d.description()),
                div(table(thead(tr(head.toArray(DomContent[]::new))), tbody(rows.toArray(DomContent[]::new)))
                        .withClass("data")).withClass("scroll"),
                d.size() > shownRows ? p("Showing the first " + shownRows + " of " + d.size() + " samples.") : null
        ).withId("dataset").withClass("panel");
    }
}

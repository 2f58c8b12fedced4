package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.ButtonTag;
import j2html.tags.specialized.DetailsTag;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.FormTag;
import j2html.tags.specialized.SectionTag;
import j2html.tags.specialized.SelectTag;
import netstep.data.BuiltIn;
import netstep.data.CsvData;
import netstep.data.Dataset;
import netstep.data.Datasets;
import netstep.engine.Activation;
import netstep.engine.Loss;
import netstep.engine.ParameterCount;
import netstep.engine.SampleOrder;
import netstep.experiment.ConfigForm;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import netstep.experiment.Tailoring;
import netstep.lesson.LessonLibrary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static j2html.TagCreator.*;

/**
 * The stepper: configure an MLP, then step through one sample phase by phase.
 * Each fragment method returns a tag with a stable id, used both in the full page and alone for htmx.
 */
public final class StepperPage {
    /** The lesson menu: one library per server process, loaded at start-up. */
    static {
        HtmlEscaper.install();
    }

    private static volatile LessonLibrary lessons;

    private StepperPage() {
    }

    public static void useLessons(LessonLibrary library) {
        lessons = library;
    }

    /** The form showing the experiment's configuration. */
    public static ConfigForm configOf(Experiment e) {
        return ConfigForm.of(e.config());
    }

    /**
     * What the page shows besides the experiment: which history page, which past step (0 for the current one)
     * and the weight-edit form as typed (with its error), if one was rejected.
     */
    public record Browsing(int historyPage, int pastStep, WeightEdit edit, String importError, DataDraft data) {
        public static final Browsing CURRENT = new Browsing(1, 0);

        public Browsing(int historyPage, int pastStep) {
            this(historyPage, pastStep, WeightEdit.EMPTY, null, null);
        }

        public Browsing(int historyPage, int pastStep, WeightEdit edit) {
            this(historyPage, pastStep, edit, null, null);
        }

        public static Browsing importRefused(String error) {
            return new Browsing(1, 0, WeightEdit.EMPTY, error, null);
        }

        public static Browsing dataDraft(DataDraft draft) {
            return new Browsing(1, 0, WeightEdit.EMPTY, null, draft);
        }
    }

    /** The own-data forms as typed: the table's rows (null: the experiment's samples), the CSV, and a refusal. */
    public record DataDraft(List<List<String>> rows, String csv, String error) {
    }

    /** The weight-edit form: the parameter and value as typed, and why they were refused. */
    public record WeightEdit(String parameter, String value, String error) {
        public static final WeightEdit EMPTY = new WeightEdit("", "", null);
    }

    public static String render(Experiment experiment, ConfigForm form) {
        return render(experiment, form, Browsing.CURRENT);
    }

    public static String render(Experiment experiment, ConfigForm form, Browsing browsing) {
        return Layout.page("netstep — step through how a neural network learns", app(experiment, form, browsing));
    }

    /** Configuration and workspace: what a configuration change replaces. */
    public static DivTag app(Experiment experiment, ConfigForm form) {
        return app(experiment, form, Browsing.CURRENT);
    }

    private static DivTag app(Experiment experiment, ConfigForm form, Browsing browsing) {
        // once stepping has begun the form folds away, so the step itself fills a projector's screen
        boolean open = !form.valid() || experiment.trace().isEmpty();
        DataDraft draft = browsing.data();
        Tailoring tailoring = experiment.tailoring().orElse(null);
        Set<String> locked = tailoring == null ? Set.of() : tailoring.locked().keySet();
        return div(
                LessonView.menu(lessons, tailoring),
                LessonView.lesson(tailoring),
                hidden(tailoring, "configure") ? null : configSection(form, open, locked),
                workspace(experiment, browsing),
                hidden(tailoring, "own-data") ? null : DataView.ownData(experiment, draft == null ? DataView.Draft.NONE
                        : new DataView.Draft(draft.rows(), draft.csv(), draft.error())),
                hidden(tailoring, "files") ? null : files(browsing.importError()))
                .withId("app");
    }

    static boolean hidden(Tailoring tailoring, String name) {
        return tailoring != null && tailoring.hides(name);
    }

    // ---------------------------------------------------------------- configuration

    public static DetailsTag configSection(ConfigForm form, boolean open, Set<String> locked) {
        FormTag f = form().withId("config-form").withMethod("post").withAction("/configure")
                .attr("hx-post", "/configure").attr("hx-target", "#app").attr("hx-swap", "outerHTML")
                .with(
                        fieldset(legend("Network"),
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
                                        numberInput(form, ConfigForm.SLOPE, "0", "1", "any")),
                                localFields(form, locked)),
                        fieldset(legend("Training"),
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
                                                trained -> trained ? "trained" : "frozen (not trained)")))),
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

    /** Layer 1 locally connected (issue 13): the window k and the stride, for image inputs. */
    private static DetailsTag localFields(ConfigForm form, Set<String> locked) {
        DetailsTag d = details(summary("Layer 1 locally connected (images)"),
                field(form, locked, ConfigForm.WINDOW, "Window k (k×k pixels)",
                        numberInput(form, ConfigForm.WINDOW, "1", "8", "1"),
                        "Empty = fully connected. Each neuron of layer 1 sees one k×k patch; its width follows."),
                field(form, locked, ConfigForm.STRIDE, "Stride", numberInput(form, ConfigForm.STRIDE, "1", "8", "1"),
                        "Pixels between neighbouring windows; empty = 1.")).withClass("local-options");
        if (!form.value(ConfigForm.WINDOW).isEmpty() || form.error(ConfigForm.WINDOW).isPresent()
                || form.error(ConfigForm.STRIDE).isPresent()) {
            d.attr("open");
        }
        return d;
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

    public static DivTag parameterCount(ConfigForm form) {
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
            int weights = count.layerWeights().get(l - 1);
            String ws = weights < in * out ? LocalConnectionView.weightsOfLayer(in, out, weights)
                    : (in * out) + " weight" + (in * out == 1 ? "" : "s");
            perLayer.add(li("Layer " + l + ": " + MathView.sym("W", l) + " is " + out + "×" + in + " ("
                    + ws + "), " + MathView.sym("b", l) + " has "
                    + out + " (" + out + " bias" + (out == 1 ? "" : "es") + ")").withCondClass(weights < in * out, "local-count"));
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

    // ---------------------------------------------------------------- workspace

    /** Everything a step changes: controls, counters, pictures, the trace, the weights, history and data. */
    public static SectionTag workspace(Experiment e) {
        return workspace(e, Browsing.CURRENT);
    }

    private static SectionTag workspace(Experiment e, Browsing browsing) {
        Tailoring t = e.tailoring().orElse(null);
        return section(
                controls(e),
                status(e),
                notice(e),
                TrainingView.panel(e),
                div(hidden(t, "diagram") ? null : DiagramView.diagram(e),
                        hidden(t, "loss-chart") ? null : ChartView.lossChart(e),
                        hidden(t, "computes") ? null : ChartView.computes(e)).withClass("pictures"),
                hidden(t, "trace") ? null
                        : browsing.pastStep() > 0 ? TraceView.pastStep(e, browsing.pastStep()) : TraceView.trace(e),
                hidden(t, "weights") ? null : WeightsView.weights(e, browsing.edit()),
                hidden(t, "collapse") ? null : CollapseView.collapse(e),
                hidden(t, "history") ? null : HistoryView.history(e, browsing.historyPage()),
                hidden(t, "dataset") ? null : datasetTable(e)
        ).withId("workspace");
    }

    /** Save the experiment, its loss history or the current step as a worked example; load a saved one. */
    static SectionTag files(String importError) {
        SectionTag section = section(
                h2("Save and load"),
                ul(
                        li(a("The experiment (JSON)").withHref("/export/experiment.json").attr("download"),
                                text(": settings, data, weights, step count and loss history; load it again below.")),
                        li(a("The loss history (CSV)").withHref("/export/loss.csv").attr("download")),
                        li(a("This step as a worked example (Markdown)").withHref("/export/step.md").attr("download"),
                                text(": every number of the current step, for an answer key."))),
                form(
                        label("Load a saved experiment: ").attr("for", "import-file"),
                        input().withType("file").withName("file").withId("import-file").attr("accept", ".json,application/json"),
                        text(" "),
                        button("Load").withType("submit")
                ).withId("import-form").withMethod("post").withAction("/import").attr("enctype", "multipart/form-data"),
                form(
                        button("Share a read-only link").withType("submit"),
                        text(" to a copy of the experiment as it is now; whoever opens it can make it their own.")
                ).withId("share-form").withMethod("post").withAction("/share")
        ).withId("files").withClass("panel");
        if (importError != null) section.with(p(importError).withClass("error").withId("import-error").attr("role", "alert"));
        return section;
    }

    /**
     * A shared copy of an experiment: its workspace with every control disabled, and "Make it mine" to continue
     * from it in one's own session.
     */
    public static String sharedCopy(Experiment e, String token) {
        return Layout.page("netstep — a shared experiment",
                section(
                        h2("A shared experiment, read-only"),
                        p("This is a copy of an experiment as it was when shared, at step " + e.steps()
                                + ". Send this page's address to share it further. To step it on, make it yours: "
                                + "it replaces the experiment in your own session, and the original stays as it is."),
                        form(button("Make it mine").withType("submit"))
                                .withId("fork-form").withMethod("post").withAction("/shared/" + token + "/fork"),
                        p(a("Back to your own experiment").withHref("/"))
                ).withId("shared").withClass("panel"),
                fieldset(workspace(e)).attr("disabled").withId("shared-copy"));
    }

    /**
     * What a step action changed, so that its htmx answer carries only those fragments. {@code shownBefore}, the
     * phase shown before the action, lets the answer add only the new phases to the trace; null sends it whole.
     */
    public record StepChanges(boolean newSample, boolean parametersChanged, boolean everything, Phase shownBefore) {
        public StepChanges(boolean newSample, boolean parametersChanged, boolean everything) {
            this(newSample, parametersChanged, everything, null);
        }
    }

    /** A step's answer as text, for tests; the server sends {@link #stepFragmentsUtf8}. */
    public static String stepFragments(Experiment e, StepChanges changes) {
        return new String(stepFragmentsUtf8(e, changes), java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * The fragments a step changed, in UTF-8 (see {@link Utf8Html}), each swapped by its id (htmx out-of-band
     * swaps): the controls, counters, diagram and trace always (of the same sample's trace only the phases it did
     * not show yet); the dataset's marked row when a sample was picked; the charts, weights and history when
     * parameters changed.
     */
    public static byte[] stepFragmentsUtf8(Experiment e, StepChanges changes) {
        if (changes.everything()) return Utf8Html.render(workspace(e).attr("hx-swap-oob", "true"));
        Tailoring t = e.tailoring().orElse(null);
        Map<String, java.util.function.Supplier<j2html.tags.Tag<?>>> parts = new java.util.LinkedHashMap<>();
        parts.put("controls", () -> controls(e));
        parts.put("status", () -> status(e));
        parts.put("notice", () -> notice(e));
        parts.put("diagram", () -> DiagramView.diagram(e));
        parts.put("trace", () -> TraceView.trace(e));
        if (changes.newSample() || changes.parametersChanged()) parts.put("dataset", () -> datasetTable(e));
        if (changes.parametersChanged()) {
            parts.put("loss-chart", () -> ChartView.lossChart(e));
            parts.put("computes", () -> ChartView.computes(e));
            parts.put("weights", () -> WeightsView.weights(e, WeightEdit.EMPTY));
            parts.put("collapse", () -> CollapseView.collapse(e));
            parts.put("history", () -> HistoryView.history(e, 1));
        }
        // the same sample, a later phase: only the new phases of the trace are sent, appended to it
        DivTag newPhases = changes.newSample() ? null : TraceView.phasesAfter(e, changes.shownBefore());
        List<DomContent> fragments = new ArrayList<>();
        parts.forEach((name, part) -> {
            if (hidden(t, name)) return;
            if (name.equals("trace") && newPhases != null) fragments.add(newPhases);
            else fragments.add(part.get().attr("hx-swap-oob", "true"));
        });
        return Utf8Html.render(fragments.toArray(DomContent[]::new));
    }

    /**
     * Draws the pictures of the network a picked step will lead to, so that the update answer finds them cached,
     * with its weight tables, and its diagram's edges, for the phases of the step after.
     * Meant for a background thread: a student reads the forward pass, loss and backpropagation first.
     */
    public static void prerenderPictures(netstep.engine.Network network, Dataset dataset) {
        ChartView.computes(network, dataset);
        DiagramView.prerenderEdges(network);
        WeightsView.prerender(network);
    }

    /** A refused weight edit: only the form, with its message, is swapped. */
    public static byte[] editRefused(WeightEdit edit) {
        return Utf8Html.render(WeightsView.editForm(edit).attr("hx-swap-oob", "true"));
    }

    public static DomContent lossChart(Experiment e) {
        return ChartView.lossChart(e);
    }

    public static DomContent history(Experiment e, int page) {
        return HistoryView.history(e, page);
    }

    public static DomContent pastStep(Experiment e, int step) {
        return TraceView.pastStep(e, step);
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
            if (!hidden(e.tailoring().orElse(null), p.id)) phaseButtons.add(b);
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
        return hidden(e.tailoring().orElse(null), action) ? null : button;
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
        int shownRows = Math.min(d.size(), 20);
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
                d.size() > shownRows ? p(text("Showing the first " + shownRows + " of " + d.size() + " samples; "),
                        a("download them all as CSV").withHref("/export/data.csv").attr("download"), text(".")) : null
        ).withId("dataset-table").withClass("panel");
    }
}

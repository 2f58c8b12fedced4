package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.SectionTag;
import netstep.data.Dataset;
import netstep.experiment.ConfigForm;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import netstep.experiment.Tailoring;
import netstep.lesson.LessonLibrary;

import java.util.List;
import java.util.Set;

import static j2html.TagCreator.*;

/**
 * The stepper page: configure an MLP, then step through one sample phase by phase. It only composes the panels
 * (ConfigFormView, WorkspaceView, DataView, FilesView, LessonView) and hands the web layer the fragments htmx
 * swaps (FragmentRouter); each fragment has a stable id, used both in the full page and alone.
 */
public final class StepperPage {

    private StepperPage() {
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


    /**
     * What this server offers around the experiment, fixed at start-up: the lesson menu ({@code lessons}, null for
     * free play only) and whether class mode is on (the page then asks whether this browser is in a class).
     */
    public record Site(LessonLibrary lessons, boolean classMode) {
        public static final Site FREE_PLAY = new Site(null, false);
    }

    /** The page without a lesson menu (free play only): for tests and the warm-up. */
    public static String render(Experiment experiment, ConfigForm form) {
        return render(experiment, form, Browsing.CURRENT, Site.FREE_PLAY);
    }

    /** The whole page, with what the {@code site} offers. */
    public static String render(Experiment experiment, ConfigForm form, Browsing browsing, Site site) {
        return Layout.page("netstep — step through how a neural network learns", app(experiment, form, browsing, site));
    }

    /** Configuration and workspace: what a configuration change replaces. */
    public static DivTag app(Experiment experiment, ConfigForm form, Site site) {
        return app(experiment, form, Browsing.CURRENT, site);
    }

    private static DivTag app(Experiment experiment, ConfigForm form, Browsing browsing, Site site) {
        // once stepping has begun the form folds away, so the step itself fills a projector's screen
        boolean open = !form.valid() || experiment.trace().isEmpty();
        DataDraft draft = browsing.data();
        Tailoring tailoring = experiment.tailoring().orElse(null);
        Set<String> locked = tailoring == null ? Set.of() : tailoring.locked().keySet();
        return div(
                ClassModeView.placeholder(site.classMode()),
                LessonView.menu(site.lessons(), tailoring),
                LessonView.lesson(tailoring),
                hidden(tailoring, "configure") ? null : ConfigFormView.configSection(form, open, locked),
                WorkspaceView.workspace(experiment, browsing),
                hidden(tailoring, "own-data") ? null : DataView.ownData(experiment, draft == null ? DataView.Draft.NONE
                        : new DataView.Draft(draft.rows(), draft.csv(), draft.error())),
                hidden(tailoring, "files") ? null : FilesView.files(browsing.importError()))
                .withId("app");
    }

    /** Whether the open lesson hides the part of the page named {@code name}. */
    static boolean hidden(Tailoring tailoring, String name) {
        return tailoring != null && tailoring.hides(name);
    }

    /** Everything a step changes: controls, counters, pictures, the trace, the weights, history and data. */
    public static SectionTag workspace(Experiment e) {
        return WorkspaceView.workspace(e, Browsing.CURRENT);
    }

    /**
     * A shared copy of an experiment: its link and QR code, the lesson it was in (if any), and its workspace with
     * every control disabled; "Make it mine" continues from it in one's own session.
     */
    public static String sharedCopy(Experiment e, String token, String link) {
        return Layout.page("netstep — a shared experiment",
                ShareView.panel(e, token, link),
                // the lesson's variant buttons are disabled with the rest: they would open it in one's own session
                fieldset(LessonView.lesson(e.tailoring().orElse(null)), workspace(e)).attr("disabled")
                        .withId("shared-copy"));
    }

    // ---------------------------------------------------------------- the fragments htmx swaps

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

    /** The fragments a step changed, in UTF-8, each swapped by its id (see {@link FragmentRouter}). */
    public static byte[] stepFragmentsUtf8(Experiment e, StepChanges changes) {
        return FragmentRouter.stepFragmentsUtf8(e, changes);
    }

    /** A refused weight edit: only the form, with its message, is swapped. */
    public static byte[] editRefused(WeightEdit edit) {
        return FragmentRouter.editRefused(edit);
    }

    /** The live parameter count the form asks for as it is typed. */
    public static DivTag parameterCount(ConfigForm form) {
        return ConfigFormView.parameterCount(form);
    }

    public static DomContent lossChart(Experiment e) {
        return ChartView.lossChart(e);
    }

    /** What the network computes, for GET /computes: the page's decision-map samples kept (hx-preserve). */
    public static DomContent computesKeepingSamples(Experiment e) {
        return QuestionView.computes(e, e.questions().isEmpty());
    }

    /** The weights panel alone, or nothing where the open lesson hides it. */
    public static String weightsPanel(Experiment e) {
        return hidden(e.tailoring().orElse(null), "weights") ? ""
                : WeightsView.weights(e, WeightEdit.EMPTY).render();
    }

    public static DomContent history(Experiment e, int page) {
        return HistoryView.history(e, page);
    }

    /** A part of step {@code step}'s backpropagation that its answer left to load when opened (BackwardView.part). */
    public static DomContent tracePart(Experiment e, int step, String part) {
        return TraceView.part(e, step, part);
    }

    public static DomContent pastStep(Experiment e, int step) {
        return TraceView.pastStep(e, step);
    }

    /**
     * Draws the pictures of the network a picked step will lead to, so that the update answer finds them cached,
     * with its weight tables, and its diagram's edges, for the phases of the step after.
     * Meant for a background thread: a student reads the forward pass, loss and backpropagation first.
     */
    public static void prerenderPictures(netstep.engine.Network network, Dataset dataset,
                                         netstep.experiment.DataSource source, int digits) {
        ChartView.computes(network, dataset, source);
        DiagramView.prerenderEdges(network);
        WeightsView.prerender(network, Digits.of(digits));
    }

    // the parts tests and the benchmark render alone
    static j2html.tags.specialized.FormTag controls(Experiment e) {
        return ControlsView.controls(e);
    }

    static DivTag status(Experiment e) {
        return ControlsView.status(e);
    }

    static SectionTag datasetTable(Experiment e) {
        return WorkspaceView.datasetTable(e);
    }
}

package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.FormTag;
import j2html.tags.specialized.SectionTag;
import netstep.engine.Layer;
import netstep.engine.Network;
import netstep.experiment.Experiment;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;
import static netstep.view.MathView.*;

/** The parameters as they are now: each layer's W and b, and the augmented [W | b] of the bias trick. */
final class WeightsView {
    private WeightsView() {
    }

    /**
     * Set any weight or bias by hand: the lecture asks the class to guess a weight, so let them try the guess.
     * Clicking a cell fills in its name (static/netstep.js); without JavaScript the name is typed as shown.
     */
    static FormTag editForm(StepperPage.WeightEdit edit) {
        FormTag form = form(
                label("Set ").attr("for", "edit-parameter"),
                input().withType("text").withName("parameter").withId("edit-parameter").withValue(edit.parameter())
                        .attr("placeholder", "W1[1,1]").attr("size", "9").attr("autocomplete", "off"),
                label(" to ").attr("for", "edit-value"),
                input().withType("text").withName("value").withId("edit-value").withValue(edit.value())
                        .attr("inputmode", "decimal").attr("size", "9").attr("autocomplete", "off"),
                text(" "),
                button("Set").withType("submit"),
                span(" Click a cell below, or type its name, e.g. W1[2,3] or b2[1].").withClass("hint")
        ).withId("edit-form").withClass("edit-form").withMethod("post").withAction("/edit")
                .attr("hx-post", "/edit").attr("hx-swap", "none");
        if (edit.error() != null) form.with(p(edit.error()).withClass("error").withId("edit-error").attr("role", "alert"));
        return form;
    }

    static SectionTag weights(Experiment e, StepperPage.WeightEdit edit) {
        Network network = e.network();
        return section(
                h2("Weights now"),
                p("W has a row per neuron and a column per input: W[j,i] is the weight from input i to neuron j. "
                        + "The bias trick appends b as a last column, so that a = [W | b]·[x; 1]."),
                ConfigFormView.parameterFormula(network.parameterCount(), "network-param").withClass("param-summary"),
                e.tailoring().map(t -> t.hides("edit")).orElse(false) ? null : editForm(edit),
                rawHtml(LAYERS.get(new Tables(network, DigitsView.of(e)), () -> layers(network, DigitsView.of(e)).render()))
        ).withId("weights").withClass("panel");
    }

    /**
     * The tables of each layer, by network: they change only with the parameters, and the step's background thread
     * renders them for the network an update will lead to ({@link #prerender}). About 10 KB for 2-8-8-1.
     */
    private static final HtmlCache<Tables> LAYERS = new HtmlCache<>(2_000_000, HtmlCache.FEW_NETWORKS);

    /** A network's tables in one number format. */
    private record Tables(Network network, Digits digits) {
    }

    static void prerender(Network network, Digits digits) {
        LAYERS.get(new Tables(network, digits), () -> layers(network, digits).render());
    }

    /** For tests and benchmarks that render the tables afresh. */
    static void clearCache() {
        LAYERS.clear();
    }

    private static DomContent layers(Network network, Digits d) {
        List<DomContent> layers = new ArrayList<>();
        for (int l = 0; l < network.depth(); l++) {
            int n = l + 1;
            Layer layer = network.layer(l);
            layers.add(div(
                    h3("Layer " + n + ": " + layer.inputs() + " → " + layer.outputs() + ", " + layer.activation().label()),
                    equation(labelled(sym("W", n) + " (" + layer.outputs() + "×" + layer.inputs() + ")",
                                    matrix(d, layer.weights(), "w" + n)),
                            labelled(sym("b", n), column(d, layer.biases(), "b" + n)),
                            labelled("[" + sym("W", n) + " | " + sym("b", n) + "]", augmented(d, layer.weights(), layer.biases())))
            ).withClass("layer-block"));
        }
        return div(layers.toArray(DomContent[]::new));
    }
}

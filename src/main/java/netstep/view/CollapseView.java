package netstep.view;

import netstep.view.render.*;

import j2html.tags.specialized.SectionTag;
import netstep.engine.LinearCollapse;
import netstep.engine.Network;
import netstep.experiment.Experiment;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;
import static netstep.view.MathView.*;

/** With identity activations everywhere, the network is one linear layer: the lecture's point, shown. */
final class CollapseView {
    private CollapseView() {
    }

    static SectionTag collapse(Experiment e) {
        Network network = e.network();
        LinearCollapse collapse = LinearCollapse.of(network).orElse(null);
        if (collapse == null || network.depth() < 2) return section().withId("collapse").attr("hidden");
        List<String> factors = new ArrayList<>();
        for (int l = network.depth(); l >= 1; l--) factors.add(sym("W", l));
        return section(
                h2("These layers collapse into one"),
                p("Every activation is the identity, so the network is linear: it can be expressed as a single linear "
                        + "layer y = Wx + b with W = " + String.join("", factors) + " and b carried through the layers "
                        + "(for two layers, b = W₂b₁ + b₂). Stacking linear layers adds parameters but no power: "
                        + "it cannot fit XOR. A nonlinearity between the layers is what helps."),
                equation(labelled("W = " + String.join("", factors), matrix(DigitsView.of(e), collapse.weights(), "collapse-w")),
                        labelled("b", column(DigitsView.of(e), collapse.biases(), "collapse-b"))),
                p(text("Single layer: " + collapse.parameterCount().formula() + ". The network: "
                        + network.parameterCount().formula() + "."))
        ).withId("collapse").withClass("panel");
    }
}

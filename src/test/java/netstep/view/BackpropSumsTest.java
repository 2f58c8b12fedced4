package netstep.view;

import netstep.view.render.*;

import netstep.engine.Layer;
import netstep.engine.StepTrace;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** Backpropagation written out (issue 12, 3): each hidden neuron's ∂L/∂f as the sum over the paths it feeds. */
class BackpropSumsTest {
    @Test
    void eachHiddenNeuronsSumIsTheTracesGradient() {
        Experiment e = RenderBenchmark.experimentAt(Phase.BACKWARD);
        StepTrace t = e.trace().orElseThrow();
        String html = TraceView.trace(e).render();
        int checked = 0;
        for (int l = 0; l < t.forward().size() - 1; l++) {
            Layer feeds = t.before().layer(l + 1);
            StepTrace.LayerBackward next = t.backward().get(l + 1);
            for (int k = 0; k < t.backward().get(l).dL_df().size(); k++) {
                double expected = t.backward().get(l).dL_df().get(k);
                Matcher m = Pattern.compile("<li id=\"bwd-sum" + (l + 1) + "-" + (k + 1) + "\">(.*?)</li>").matcher(html);
                assertTrue(m.find(), "layer " + (l + 1) + ", neuron " + (k + 1));
                String shown = m.group(1);
                double sum = 0;
                for (int j = 0; j < feeds.outputs(); j++) {
                    double w = feeds.weight(j, k);
                    double g = next.dL_da().get(j);
                    // every term is written out (the wide ones behind a click), with the trace's numbers
                    assertTrue(shown.contains(Num.inFormula(w) + "·" + Num.inFormula(g)), shown);
                    sum += w * g;
                }
                // the sum of the terms shown is the trace's ∂L/∂f, and the line ends with it
                assertEquals(expected, sum, 1e-12 * Math.max(1, Math.abs(expected)));
                assertTrue(shown.endsWith(" = " + Num.f(expected)) || shown.contains(" = " + Num.f(expected) + "</summary>"),
                        shown);
                checked++;
            }
        }
        assertEquals(16, checked, "8 + 8 hidden neurons of 2-8-8-1");
    }
}

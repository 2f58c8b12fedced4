package netstep.view;

import netstep.view.render.*;

import netstep.engine.StepTrace;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The diagram tells each phase's story (issue 12): its caption, labels and edges come from the step's trace. */
class DiagramStoryTest {
    private static final Pattern EDGE = Pattern.compile(
            "<a href=\"#w(\\d+)-(\\d+)-(\\d+)\"><title>([^<]*)</title>(?:<path[^>]*edge-halo[^>]*></path>)?<path d=\"M[^\"]+\" class=\"edge \\w+ w(\\d+)[^\"]*\"");
    /** The group the edges sit in, which names what they show. */
    private static String edgesClass(String html) {
        Matcher m = Pattern.compile("<g class=\"(edges[^\"]*)\"").matcher(html);
        assertTrue(m.find(), "the edges' group");
        return m.group(1);
    }

    @Test
    void pickAndLossShowTheTargetBesideEachOutput() {
        Experiment e = RenderBenchmark.experimentAt(Phase.PICK);
        StepTrace t = e.trace().orElseThrow();
        String pick = DiagramView.diagram(e).render();
        assertTrue(pick.contains("id=\"diagram-caption\""), pick);
        assertTrue(pick.contains("1. Pick"));
        assertTrue(pick.contains(">y " + Num.f(t.y().get(0)) + "</text>"), "the target y beside the output");
        assertTrue(pick.contains(">" + Num.f(t.x().get(1)) + "</text>"), "x on the inputs");

        e.goTo(Phase.LOSS);
        String loss = DiagramView.diagram(e).render();
        assertTrue(loss.contains("3. Loss"));
        assertTrue(loss.contains(">y " + Num.f(t.y().get(0)) + "</text>"));
        assertTrue(loss.contains(">ℓ " + Num.f(t.lossTerms().get(0)) + "</text>"), "the output's loss term");
        assertTrue(loss.contains("= " + Num.f(t.loss()) + "."), "L in the caption");
        assertTrue(loss.contains(t.lossFunction().formula), "with the loss's formula");
    }

    @Test
    void backpropagationDrawsTheGradientsWithTheirChainRule() {
        Experiment e = RenderBenchmark.experimentAt(Phase.BACKWARD);
        StepTrace t = e.trace().orElseThrow();
        String html = DiagramView.diagram(e).render();
        assertTrue(html.contains("4. Backpropagation"));
        assertTrue(html.contains(">∂L/∂a</text>"), "neurons labelled ∂L/∂a");
        assertTrue(html.contains(">" + Num.f(t.backward().get(0).dL_da().get(0)) + "</text>"));
        double largest = 0;
        for (StepTrace.LayerBackward bw : t.backward()) {
            for (int j = 0; j < bw.dL_dW().rows(); j++) {
                for (int i = 0; i < bw.dL_dW().columns(); i++) largest = Math.max(largest, Math.abs(bw.dL_dW().get(j, i)));
            }
        }
        Matcher m = EDGE.matcher(html);
        int edges = 0;
        while (m.find()) {
            int l = zeroBased(m, 1);
            int j = zeroBased(m, 2);
            int i = zeroBased(m, 3);
            double g = t.backward().get(l).dL_dW().get(j, i);
            // the tip is the chain rule's product with the trace's numbers; the width follows |∂L/∂w|, not |w|
            assertTrue(m.group(4).startsWith("∂L/∂W"), m.group(4));
            assertTrue(m.group(4).endsWith("= " + Num.f(g)), m.group(4));
            assertTrue(m.group(4).contains(Num.inFormula(t.backward().get(l).dL_df().get(j)) + " · "
                    + Num.inFormula(t.backward().get(l).df_da().get(j)) + " · "
                    + Num.inFormula(t.forward().get(l).input().get(i))), m.group(4));
            // twelve widths, 0.6 to 5 px (the stylesheet's svg .edge.w0 to .w11)
            assertEquals(0.6 + 4.4 * Math.abs(g) / largest, 0.6 + 0.4 * Integer.parseInt(m.group(5)), 0.2, m.group(4));
            edges++;
        }
        assertEquals(2 * 8 + 8 * 8 + 8, edges, "every edge of 2-8-8-1");
        assertEquals("edges gradient", edgesClass(html));
    }

    @Test
    void theUpdateDrawsEachWeightsChange() {
        Experiment e = RenderBenchmark.experimentAt(Phase.UPDATE);
        StepTrace t = e.trace().orElseThrow();
        String html = DiagramView.diagram(e).render();
        assertTrue(html.contains("5. Update"));
        Matcher m = EDGE.matcher(html);
        int edges = 0;
        while (m.find()) {
            int l = zeroBased(m, 1);
            int j = zeroBased(m, 2);
            int i = zeroBased(m, 3);
            double old = t.before().layer(l).weight(j, i);
            double now = t.after().layer(l).weight(j, i);
            // Δw on the edge is new − old, and it is −η ∂L/∂w
            assertTrue(m.group(4).startsWith("ΔW"), m.group(4));
            assertTrue(m.group(4).endsWith("] = " + Num.f(now - old) + ": " + Num.f(old) + " → " + Num.f(now)),
                    m.group(4));
            assertEquals(now - old, -t.learningRate() * t.backward().get(l).dL_dW().get(j, i), 1e-12);
            edges++;
        }
        assertEquals(2 * 8 + 8 * 8 + 8, edges);
        assertEquals("edges delta", edgesClass(html));
        double db = t.after().layer(0).bias(0) - t.before().layer(0).bias(0);
        assertTrue(html.contains(">" + Num.f(db) + "</text><text x=\""), "Δb inside the neuron");
        assertTrue(html.contains(">Δb</text>"));
    }

    /**
     * A step's answer sends the edge tips of backpropagation and the update as their numbers, which netstep.js writes
     * out by DiagramView.tipFrom's rule: written out, they are the full page's tips.
     */
    @Test
    void anAnswersEdgesCarryTheNumbersOfTheirTips() {
        Pattern data = Pattern.compile("<a href=\"#w(\\d+)-(\\d+)-(\\d+)\" data-tip=\"([^\"]*)\"><path");
        for (Phase phase : new Phase[] {Phase.BACKWARD, Phase.UPDATE}) {
            Experiment e = RenderBenchmark.experimentAt(phase);
            String page = DiagramView.diagram(e).render();
            String answer = DiagramView.diagram(e, DiagramView.Kept.NOTHING, true).render();
            String kind = phase == Phase.BACKWARD ? "gradient" : "delta";
            Matcher m = data.matcher(answer);
            int edges = 0;
            while (m.find()) {
                int l = zeroBased(m, 1);
                int j = zeroBased(m, 2);
                int i = zeroBased(m, 3);
                String tip = DiagramView.tipFrom(kind, l, j, i, java.util.List.of(m.group(4).split(" ")));
                assertTrue(page.contains("<a href=\"#w" + m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "\"><title>"
                        + tip + "</title>"), phase + ": " + tip);
                edges++;
            }
            assertEquals(2 * 8 + 8 * 8 + 8, edges, phase.id);
            Matcher neurons = Pattern.compile("<a href=\"#b(\\d+)-(\\d+)\" class=\"neuron\" data-tip=\"([^\"]*)\">")
                    .matcher(answer);
            int tipped = 0;
            while (neurons.find()) {
                int column = Integer.parseInt(neurons.group(1));
                int j = Integer.parseInt(neurons.group(2)) - 1;
                String tip = DiagramView.neuronTipFrom(kind, column, j, java.util.List.of(neurons.group(3).split(" ")));
                assertTrue(page.contains("<a href=\"#b" + column + "-" + (j + 1) + "\" class=\"neuron\"><title>" + tip
                        + "</title>"), phase + ": " + tip);
                tipped++;
            }
            assertEquals(8 + 8 + 1, tipped, phase.id);
            assertFalse(answer.contains("<title>∂L/∂W") || answer.contains("<title>ΔW") || answer.contains("<title>layer"),
                    "no tip sent written out");
            assertTrue(answer.length() < page.length() - 1000, phase + ": lighter by the tips");
            // the halos under the most changed edges are drawn by netstep.js too
            assertEquals(page.split("class=\"edge-halo\"").length, 1 + answer.split("changed-most").length - 1,
                    phase + ": a halo on the page for each most changed edge of the answer");
            assertFalse(answer.contains("edge-halo"), phase.id);
        }
    }

    @Test
    void withABatchAndAPenaltyTheCaptionSaysWhichSampleIsDrawnAndWhatMovesTheWeights() {
        Experiment e = new Experiment(netstep.experiment.Config.defaults()
                .withTraining(3, netstep.engine.Regularization.l2(0.01)));
        e.goTo(Phase.BACKWARD);
        int drawn = e.batchIndices().get(e.chosenSample()) + 1;
        String backward = DiagramView.caption(e, false).render();
        assertTrue(backward.contains("Drawn: sample #" + drawn + " of the batch of 3; the update will use the mean gradient of the batch"),
                backward);
        e.goTo(Phase.UPDATE);
        String update = DiagramView.caption(e, false).render();
        assertTrue(update.contains("Δw = −η(∂L/∂w + λ ∂R/∂w)") && !update.contains("Δw = −η ∂L/∂w"), update);
        assertTrue(update.contains("Δw follows the mean gradient of the batch"), update);
        assertTrue(DiagramView.caption(e, true).render().contains("θ ← θ − η(∇θL + λ∇θR)"), "the compact caption too");

        Experiment plain = new Experiment(netstep.experiment.Config.defaults());
        plain.goTo(Phase.UPDATE);
        String one = DiagramView.caption(plain, false).render();
        assertTrue(one.contains("Δw = −η ∂L/∂w") && !one.contains("Drawn:"), "b = 1 without a penalty: the lecture's rule: " + one);
    }

    /** The 1-based index a tip's link names in {@code group} (layer, neuron, input), counted from 0. */
    private static int zeroBased(Matcher m, int group) {
        return Integer.parseInt(m.group(group)) - 1;
    }
}

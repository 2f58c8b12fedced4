package netstep.view;

import netstep.view.render.*;

import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diagram's edges and the weight tables, rendered once per network, read the same as when drawn afresh. */
class DiagramEdgesTest {
    @Test
    void cachedOrPrerenderedEdgesAreTheEdgesDrawnAfresh() {
        for (Phase phase : new Phase[] {Phase.PICK, Phase.FORWARD, Phase.LOSS}) {
            Experiment e = RenderBenchmark.experimentAt(phase);
            DiagramView.clearEdges();
            String fresh = DiagramView.diagram(e).render();
            assertEquals(fresh, DiagramView.diagram(e).render(), phase + ": from the cache");
            DiagramView.clearEdges();
            DiagramView.prerenderEdges(e.network());
            assertEquals(fresh, DiagramView.diagram(e).render(), phase + ": prerendered");
            assertTrue(fresh.contains("<g class=\"edges\" id=\"edges-"), phase.id);
            assertTrue(fresh.contains("\"><a href=\"#w1-1-1\"><title>W₁[1,1] = "
                    + Num.exact(e.network().layer(0).weight(0, 0)) + "</title><path d=\"M"), phase.id);
            assertFalse(fresh.contains("<title>ΔW"), phase.id);
        }
    }

    @Test
    void theUpdateMarksTheChangesOnTheNewNetworksEdges() {
        Experiment e = RenderBenchmark.experimentAt(Phase.UPDATE);
        DiagramView.prerenderEdges(e.network()); // cached for the next step's phases, not used by the update itself
        String update = DiagramView.diagram(e).render();
        assertTrue(update.contains("<title>ΔW₁[1,1] = "), "the change in each tip");
        assertTrue(update.contains("changed-most"));
    }

    @Test
    void cachedOrPrerenderedWeightTablesAreTheTablesDrawnAfresh() {
        Experiment e = RenderBenchmark.experimentAt(Phase.UPDATE);
        WeightsView.clearCache();
        String fresh = WeightsView.weights(e, StepperPage.WeightEdit.EMPTY).render();
        assertEquals(fresh, WeightsView.weights(e, StepperPage.WeightEdit.EMPTY).render(), "from the cache");
        WeightsView.clearCache();
        StepperPage.prerenderPictures(e.network(), e.dataset(), e.config().data(), e.digits());
        assertEquals(fresh, WeightsView.weights(e, StepperPage.WeightEdit.EMPTY).render(), "prerendered");
        // the cache keys on the number format: two digits draw their own tables, and four come back unchanged
        e.setDigits(2);
        String two = WeightsView.weights(e, StepperPage.WeightEdit.EMPTY).render();
        String w11 = netstep.view.render.Digits.TWO.f(e.network().layer(0).weight(0, 0));
        assertTrue(two.contains("id=\"w1-1-1\">" + w11 + "<") || two.contains("id=\"w1-1-1\" title="), two);
        assertTrue(two.contains(">" + w11 + "<"), "W1[1,1] with two digits");
        e.setDigits(4);
        assertEquals(fresh, WeightsView.weights(e, StepperPage.WeightEdit.EMPTY).render(), "four digits again");
        assertTrue(fresh.contains("id=\"w1-1-1\">"), "the cells keep their ids");
    }
}

package netstep.view;

import netstep.view.render.*;

import netstep.bench.BenchNetworks;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A later phase of the same step sends only its part of the trace: appended, it gives the whole trace. */
class TraceAppendTest {
    private static final String OPEN = "<div class=\"trace-phases\" data-at=\"";

    @Test
    void appendingTheNewPhasesGivesTheWholeTrace() {
        Phase[] steps = Phase.steps();
        for (int b = 0; b < steps.length; b++) {
            for (int s = b; s < steps.length; s++) {
                Experiment e = new Experiment(BenchNetworks.CIRCLE_2_8_8_1);
                for (int k = 0; k < 3; k++) e.wholeStep();
                e.goTo(steps[b]);
                int step = e.phase() == Phase.UPDATE ? e.steps() : e.steps() + 1;
                String before = TraceView.trace(e).render();
                Object traceBefore = e.trace().orElseThrow();
                e.goTo(steps[s]);
                if (e.trace().orElseThrow() != traceBefore) continue; // update → update: a new sample, sent whole
                String added = TraceView.phasesAfter(e, steps[b]).render();
                String where = steps[b].id + " → " + steps[s].id;
                assertTrue(added.startsWith(OPEN), where + ": " + added.substring(0, 80));
                assertTrue(added.contains("hx-swap-oob=\"beforeend:#trace[data-at=s" + step + "-" + steps[b].id + "]\""), where);
                assertEquals(TraceView.trace(e).render(), asNetstepJsAppends(before, added), where);
            }
        }
    }

    /** What htmx and netstep.js make of the answer: the current phase folds, the new ones follow, data-at moves. */
    private static String asNetstepJsAppends(String trace, String added) {
        String at = added.substring(OPEN.length(), added.indexOf('"', OPEN.length()));
        String children = added.substring(added.indexOf('>') + 1, added.length() - "</div>".length());
        if (children.isEmpty()) return trace; // netstep.js leaves the trace alone
        String folded = trace.replaceAll("class=\"phase current\" open>", "class=\"phase done\">")
                .replaceFirst("data-at=\"[^\"]*\"", "data-at=\"" + at + "\"");
        return folded.substring(0, folded.length() - "</section>".length()) + children + "</section>";
    }

    @Test
    void aNewSampleOrAnEarlierPhaseSendsTheWholeTrace() {
        Experiment e = new Experiment(BenchNetworks.CIRCLE_2_8_8_1);
        assertNull(TraceView.phasesAfter(e, Phase.READY), "no trace yet");
        e.goTo(Phase.LOSS);
        assertNull(TraceView.phasesAfter(e, Phase.READY), "from the start");
        assertNull(TraceView.phasesAfter(e, Phase.UPDATE), "from an earlier step's update");
        assertNull(TraceView.phasesAfter(e, null), "unknown");
        String fragments = StepperPage.stepFragments(e, new StepperPage.StepChanges(true, false, false, Phase.UPDATE));
        assertTrue(fragments.contains("<section id=\"trace\" class=\"panel\" data-at=\"s1-loss\" hx-swap-oob=\"true\">"),
                fragments);
    }

    @Test
    void theSamePhaseAgainAppendsNothing() {
        Experiment e = new Experiment(BenchNetworks.CIRCLE_2_8_8_1);
        e.goTo(Phase.FORWARD);
        assertEquals("<div class=\"trace-phases\" data-at=\"s1-forward\" hx-swap-oob=\"beforeend:#trace[data-at=s1-forward]\"></div>",
                TraceView.phasesAfter(e, Phase.FORWARD).render());
    }
}

package netstep.view;

import netstep.view.render.*;

import netstep.bench.BenchNetworks;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    /**
     * A step's answer sends backpropagation's closed details without their body, each loading it once opened: put
     * back, the bodies give the full page's trace. Only those: the open ones, and the other phases, are whole.
     */
    @Test
    void theAnswerLeavesClosedDetailsToLoadWhenOpened() {
        Experiment e = RenderBenchmark.experimentAt(Phase.BACKWARD);
        String full = TraceView.trace(e).render();
        String answer = TraceView.phasesAfter(e, Phase.LOSS, true).render();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                " hx-get=\"/trace/31/([a-z0-9-]+)\" hx-trigger=\"toggle once\"(>.*?)<span class=\"lazy hint\">Loading…</span>")
                .matcher(answer.replace(" hx-target=\"find .lazy\" hx-swap=\"outerHTML\"", ""));
        StringBuilder restored = new StringBuilder();
        java.util.List<String> parts = new java.util.ArrayList<>();
        while (m.find()) {
            parts.add(m.group(1));
            m.appendReplacement(restored, java.util.regex.Matcher.quoteReplacement(
                    m.group(2) + TraceView.part(e, 31, m.group(1)).render()));
        }
        m.appendTail(restored);
        // layer 3's and 2's chain rule (layer 1's is open), and the eight terms of each of layer 1's eight sums
        assertEquals(java.util.List.of("chain-2", "sum-1-1", "sum-1-2", "sum-1-3", "sum-1-4", "sum-1-5", "sum-1-6",
                "sum-1-7", "sum-1-8"), parts.subList(1, parts.size()));
        assertEquals("chain-3", parts.get(0));
        String fullAppended = TraceView.phasesAfter(e, Phase.LOSS).render();
        assertEquals(fullAppended, restored.toString());
        assertTrue(full.contains(fullAppended.substring(fullAppended.indexOf("<details"), fullAppended.length() - 6)));
        assertTrue(answer.length() < fullAppended.length() - 2000, "lighter by the bodies");
        assertEquals(1, answer.split("hx-target=").length - 1, "where they load is said once: " + answer);
        // a completed step's parts load from its kept trace; a name that is not a part is refused
        e.goTo(Phase.PICK);
        assertEquals(TraceView.part(RenderBenchmark.experimentAt(Phase.UPDATE), 31, "chain-2").render(),
                TraceView.part(e, 31, "chain-2").render());
        for (String bad : new String[] {"chain-4", "chain-0", "sum-3-1", "sum-1-13", "chain-1-1", "x", "", null}) {
            assertThrows(netstep.experiment.InvalidInput.class, () -> TraceView.part(e, 31, bad), bad);
        }
        assertTrue(TraceView.part(e, 1, "chain-2").render().contains("no longer kept"));
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

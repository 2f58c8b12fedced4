package netstep.view;

import netstep.view.render.*;

import netstep.engine.Sgd;
import netstep.engine.StepTrace;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The update shows its effect (issue 12, 4): the loss before and after, and cells shaded by their change. */
class UpdateEffectTest {
    private static final Pattern CELL = Pattern.compile(
            "<td id=\"upd-([wb])(\\d+)-(\\d+)-(\\d+)\" title=\"[^\"]*\"( class=\"([^\"]*)\")?>([^<]*) → <b>([^<]*)</b>");

    @Test
    void theLossAfterTheUpdateIsAForwardPassWithTheNewParameters() {
        Experiment e = RenderBenchmark.experimentAt(Phase.UPDATE);
        StepTrace t = e.trace().orElseThrow();
        // the engine's step from the new network on the same sample computes its loss with the new parameters
        double again = new Sgd(t.lossFunction(), t.learningRate()).step(t.after(), t.x(), t.y()).loss();
        assertEquals(again, t.lossAfterUpdate(), 0.0);
        assertNotEquals(t.loss(), t.lossAfterUpdate(), "the step moved the parameters");
        String html = TraceView.trace(e).render();
        assertTrue(html.contains("id=\"loss-before\" title=\"" + Num.exact(t.loss()) + "\">" + Num.f(t.loss()) + "<"));
        assertTrue(html.contains("id=\"loss-after\" title=\"" + Num.exact(t.lossAfterUpdate()) + "\">"
                + Num.f(t.lossAfterUpdate()) + "<"), html);
    }

    @Test
    void cellsAreShadedByTheirChangeAndUnchangedOnesAreNotMarked() {
        Experiment e = RenderBenchmark.experimentAt(Phase.UPDATE);
        StepTrace t = e.trace().orElseThrow();
        String html = TraceView.trace(e).render();
        Matcher m = CELL.matcher(html);
        int cells = 0;
        int marked = 0;
        int unmarked = 0;
        while (m.find()) {
            int l = Integer.parseInt(m.group(2)) - 1;
            int j = Integer.parseInt(m.group(3)) - 1;
            int i = Integer.parseInt(m.group(4)) - 1;
            boolean weight = m.group(1).equals("w");
            double old = weight ? t.before().layer(l).weight(j, i) : t.before().layer(l).bias(j);
            double now = weight ? t.after().layer(l).weight(j, i) : t.after().layer(l).bias(j);
            String classes = m.group(6) == null ? "" : m.group(6);
            boolean shows = !m.group(7).equals(m.group(8));
            assertEquals(shows, classes.contains("changed"), m.group() + ": marked exactly when the digits change");
            if (shows) {
                int shade = Math.max(1, Math.min(4, (int) Math.ceil(4 * Math.abs(now - old) / t.largestChange())));
                assertEquals("changed" + shade, classes, m.group());
                marked++;
            } else {
                unmarked++;
            }
            cells++;
        }
        assertTrue(cells > 50, "2-8-8-1 has 89 weights and biases, most of them shown: " + cells);
        assertTrue(marked > 0, "some cells changed");
        assertEquals(cells, marked + unmarked);
    }
}

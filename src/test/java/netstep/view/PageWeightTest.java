package netstep.view;

import netstep.experiment.ConfigForm;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Page weight for 2-8-8-1 (issue 12, 7): the whole page stays under 150 KB and each phase's htmx answer under
 * 40 KB (uncompressed, as rendered; gzip on the wire makes both far smaller). Prints what it measured, each answer
 * broken down by the fragments it swaps (docs/page-weight.md).
 */
class PageWeightTest {
    private static final int PAGE_LIMIT = 150 * 1024;
    private static final int ANSWER_LIMIT = 40 * 1024;
    /** A fragment of an answer starts with the tag that carries hx-swap-oob. */
    private static final Pattern FRAGMENT = Pattern.compile("<\\w+ (?:id=\"([^\"]*)\")?[^>]*?hx-swap-oob=\"([^\"]*)\"");

    @Test
    void thePageAndEachPhasesAnswerStayLight() {
        Phase before = Phase.UPDATE;
        for (Phase phase : Phase.steps()) {
            Experiment e = RenderBenchmark.experimentAt(phase);
            int page = StepperPage.render(e, ConfigForm.of(e.config())).getBytes(StandardCharsets.UTF_8).length;
            // the answer to the click that reveals this phase: a new sample at Pick, new parameters at Update
            StepperPage.StepChanges click = new StepperPage.StepChanges(phase == Phase.PICK, phase == Phase.UPDATE,
                    false, before);
            byte[] answer = StepperPage.stepFragmentsUtf8(e, click);
            System.out.printf("page weight, 2-8-8-1 at %-8s: page %6.1f KB, htmx answer %5.1f KB (%s)%n", phase.id,
                    page / 1024.0, answer.length / 1024.0, breakdown(new String(answer, StandardCharsets.UTF_8)));
            assertTrue(page < PAGE_LIMIT, phase + ": the page is " + page + " bytes");
            assertTrue(answer.length < ANSWER_LIMIT, phase + ": the answer is " + answer.length + " bytes");
            before = phase;
        }
    }

    /** Each fragment's id (or where it goes) and its size in KB. */
    private static String breakdown(String answer) {
        List<String> parts = new ArrayList<>();
        Matcher m = FRAGMENT.matcher(answer);
        List<int[]> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            starts.add(new int[] {m.start()});
            names.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        for (int i = 0; i < starts.size(); i++) {
            int from = starts.get(i)[0];
            int to = i + 1 < starts.size() ? starts.get(i + 1)[0] : answer.length();
            int bytes = answer.substring(from, to).getBytes(StandardCharsets.UTF_8).length;
            parts.add(names.get(i) + " " + String.format("%.1f", bytes / 1024.0));
        }
        return String.join(", ", parts);
    }
}

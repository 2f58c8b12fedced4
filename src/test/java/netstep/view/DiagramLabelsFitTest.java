package netstep.view;

import netstep.bench.BenchNetworks;
import netstep.experiment.Config;
import netstep.experiment.ConfigForm;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import netstep.view.render.Digits;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** Numbers stay inside their shapes (issue 12, 6): every neuron's label fits its circle or pill, in every format. */
class DiagramLabelsFitTest {
    private static final Pattern NEURON = Pattern.compile("<a href=\"#[^\"]*\" class=\"neuron[^\"]*\">(.*?)</a>");
    private static final Pattern CIRCLE = Pattern.compile("<circle [^>]*r=\"([^\"]+)\"");
    private static final Pattern PILL = Pattern.compile("<rect [^>]*width=\"([^\"]+)\"[^>]*class=\"pill\"");
    private static final Pattern VALUE = Pattern.compile("class=\"neuron-value\">([^<]*)<");
    private static final Pattern BESIDE = Pattern.compile("<text x=\"([^\"]+)\"[^>]*>([^<]*)</text>");

    private static Config tall() {
        ConfigForm defaults = ConfigForm.of(Config.defaults());
        Map<String, String> fields = new HashMap<>();
        for (String f : ConfigForm.fields()) fields.put(f, defaults.value(f));
        fields.put(ConfigForm.HIDDEN, "12, 12"); // over 8 neurons: the rows close up and the circles shrink
        return ConfigForm.parse(fields).config().orElseThrow();
    }

    @Test
    void everyLabelFitsItsShapeInEveryFormatAndPhase() {
        int labels = 0;
        int pills = 0;
        for (Config config : new Config[] {BenchNetworks.CIRCLE_2_8_8_1, tall(), Config.defaults()}) {
            for (Digits d : Digits.CHOICES) {
                Experiment e = new Experiment(config);
                e.setDigits(d.significant());
                for (int step = 0; step < 3; step++) e.wholeStep(); // numbers of a trained network, not only the seed's
                for (Phase phase : new Phase[] {Phase.PICK, Phase.FORWARD, Phase.LOSS, Phase.BACKWARD, Phase.UPDATE}) {
                    e.goTo(phase);
                    String svg = DiagramView.diagram(e).render();
                    Matcher neuron = NEURON.matcher(svg);
                    while (neuron.find()) {
                        String inside = neuron.group(1);
                        Matcher value = VALUE.matcher(inside);
                        if (!value.find()) continue;
                        String label = value.group(1);
                        Matcher circle = CIRCLE.matcher(inside);
                        Matcher pill = PILL.matcher(inside);
                        double width = circle.find() ? 2 * Double.parseDouble(circle.group(1))
                                : pill.find() ? Double.parseDouble(pill.group(1)) : 0;
                        if (inside.contains("class=\"pill\"")) pills++;
                        assertTrue(DiagramView.labelWidth(label) <= width, d + ", " + phase + ": \"" + label + "\" is "
                                + DiagramView.labelWidth(label) + " px wide, its shape " + width);
                        labels++;
                        // y and ℓ beside an output stay inside the drawing (640 wide)
                        Matcher beside = BESIDE.matcher(inside);
                        while (beside.find()) {
                            if (beside.group(2).startsWith("y ") || beside.group(2).startsWith("ℓ ")) {
                                double right = Double.parseDouble(beside.group(1)) + DiagramView.labelWidth(beside.group(2));
                                assertTrue(right <= 640, d + ": \"" + beside.group(2) + "\" ends at " + right);
                            }
                        }
                    }
                }
            }
        }
        assertTrue(labels > 500, "labels checked: " + labels);
        assertTrue(pills > 0, "long labels get pills");
    }

    @Test
    void aShortLabelKeepsItsCircle() {
        assertEquals(22, DiagramView.halfWidth("0.5", 22));
        assertTrue(DiagramView.halfWidth("-0.00373456", 22) > 22, "a pill for six digits");
        assertTrue(2 * DiagramView.halfWidth("-0.0587", 11.4) >= DiagramView.labelWidth("-0.0587"));
    }
}

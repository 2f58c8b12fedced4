package netstep.view;

import netstep.data.Datasets;
import netstep.engine.Activation;
import netstep.engine.Loss;
import netstep.engine.SampleOrder;
import netstep.experiment.Config;
import netstep.experiment.Experiment;
import netstep.experiment.LocalConnection;
import netstep.experiment.Phase;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The compact diagram of image and wide networks (issue 13). */
class CompactLayerViewTest {

    private static Config digits(List<Integer> hidden) {
        return new Config(64, hidden, 10, Activation.RELU, Activation.SOFTMAX, Loss.CROSS_ENTROPY, 0.1, 1,
                Datasets.DIGITS, SampleOrder.SHUFFLED);
    }

    private static double svgHeight(String html) {
        Matcher m = Pattern.compile("id=\"diagram-svg\"[^>]*viewBox=\"0 0 [0-9.]+ ([0-9.]+)\"").matcher(html);
        if (!m.find()) {
            m = Pattern.compile("viewBox=\"0 0 [0-9.]+ ([0-9.]+)\"[^>]*id=\"diagram-svg\"").matcher(html);
            assertTrue(m.find(), html.substring(0, Math.min(400, html.length())));
        }
        return Double.parseDouble(m.group(1));
    }

    @Test
    void a64_32_10NetworkIsOneImageAGridOfSquaresAndNamedOutputs() {
        Experiment e = new Experiment(digits(List.of(32)));
        assertTrue(CompactLayerView.applies(e));
        String ready = CompactLayerView.diagram(e).render();
        assertTrue(ready.contains("x: 8×8 image"), "the input is one image glyph");
        assertEquals(32, count(ready, "class=\"neuron square\""), "a square per hidden neuron");
        assertEquals(10, count(ready, "class=\"class-name\""), "the outputs named by class");
        assertTrue(ready.contains(">0</text>") && ready.contains(">9</text>"));
        assertTrue(ready.contains("W₁ 32×64") && ready.contains("2,048 weights") && ready.contains("320 weights"), ready);
        assertTrue(svgHeight(ready) < 420, "fits beside the page's header at 768 px: " + svgHeight(ready));
        assertFalse(ready.contains("receptive-field"));

        e.goTo(Phase.FORWARD);
        String forward = CompactLayerView.diagram(e).render();
        assertTrue(forward.contains("href=\"#pick-image\""), "the glyph links to the image at Pick");
        assertTrue(forward.contains("f(a) = "), "each square tells its value");
        assertEquals(svgHeight(ready), svgHeight(forward), "the drawing does not jump between phases");
    }

    @Test
    void aLocallyConnectedLayerShowsItsReceptiveFieldAndCount() {
        Experiment e = new Experiment(digits(List.of(36)).withLocal(new LocalConnection(3, 1)));
        String html = CompactLayerView.diagram(e).render();
        assertTrue(html.contains("receptive-field") && html.contains("sees only these 3×3 pixels"), html);
        assertTrue(html.contains("324 weights, local"));
        assertTrue(html.contains("neuron 1: bias") && html.contains("sees pixel rows 1–3, columns 1–3"), "each square "
                + "tells its receptive field");
        assertTrue(html.contains("neuron 36: ") && html.contains("sees pixel rows 6–8, columns 6–8"));
        assertTrue(html.contains("locally connected 36 neurons × 3×3 = 324 weights"), "the band's tip counts it");
    }

    @Test
    void smallNetworksKeepTheCircles() {
        assertFalse(CompactLayerView.applies(new Experiment(Config.defaults())));
        Experiment iris = new Experiment(new Config(4, List.of(8), 3, Activation.RELU, Activation.SOFTMAX,
                Loss.CROSS_ENTROPY, 0.1, 1, Datasets.IRIS, SampleOrder.SHUFFLED));
        assertFalse(CompactLayerView.applies(iris));
        Experiment wideIris = new Experiment(new Config(4, List.of(32), 3, Activation.RELU, Activation.SOFTMAX,
                Loss.CROSS_ENTROPY, 0.1, 1, Datasets.IRIS, SampleOrder.SHUFFLED));
        assertTrue(CompactLayerView.applies(wideIris));
        String html = CompactLayerView.diagram(wideIris).render();
        assertTrue(html.contains(">setosa</text>") && html.contains(">virginica</text>"), "iris outputs by species");
        assertEquals(4, count(html, "class=\"neuron input\""), "four inputs stay circles");
    }

    private static int count(String s, String part) {
        int n = 0;
        for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) n++;
        return n;
    }

    @Test
    void theCompactDiagramHasTheCaptionOfEachPhase() {
        Experiment e = new Experiment(digits(List.of(32)));
        java.util.Set<String> seen = new java.util.HashSet<>();
        String[][] phases = {{"ready", "The network 64-32-10: "}, {"pick", "1. Pick: "},
                {"forward", "2. Forward pass: "}, {"loss", "3. Loss: "}, {"backward", "4. Backpropagation: each neuron shows ∂L/∂a"},
                {"update", "5. Update: "}};
        for (String[] phase : phases) {
            if (!phase[0].equals("ready")) e.goTo(Phase.fromId(phase[0]));
            String html = CompactLayerView.diagram(e).render();
            Matcher m = Pattern.compile("<p id=\"diagram-caption\" class=\"diagram-caption\">([^<]*)</p>").matcher(html);
            assertTrue(m.find(), phase[0] + ": a caption above the compact diagram");
            String caption = m.group(1);
            assertTrue(caption.startsWith(phase[1]), phase[0] + ": " + caption);
            assertTrue(seen.add(caption), phase[0] + ": its own caption, not the phase before's: " + caption);
            // the full diagram's caption, for the same phase, begins alike: one caption, drawn two ways
            String full = DiagramView.caption(e, false).render();
            assertTrue(full.contains(">" + phase[1]), phase[0] + ": " + full);
            assertFalse(caption.contains("edge"), phase[0] + ": the compact drawing has bands, not edges: " + caption);
            if (phase[0].equals("loss")) {
                assertTrue(caption.contains(" = " + netstep.view.render.Num.f(e.trace().orElseThrow().loss()) + "."),
                        "L in the caption: " + caption);
            }
        }
    }

    @Test
    void theOutputsValuesFollowTheStudentsNumberFormat() {
        Experiment e = new Experiment(digits(List.of(32)));
        e.goTo(Phase.FORWARD);
        double[] f = e.trace().orElseThrow().forward().get(1).f().toArray();
        for (int digits : new int[] {2, 4, 6}) {
            e.setDigits(digits);
            String html = CompactLayerView.diagram(e).render();
            var format = netstep.view.render.Digits.of(digits);
            for (double v : f) {
                assertTrue(html.contains(">" + format.f(v) + "</text>"), digits + " digits: " + format.f(v) + " beside its output");
            }
            double width = Double.parseDouble(html.replaceAll("(?s).*viewBox=\"0 0 ([0-9.]+) .*", "$1"));
            Matcher x = Pattern.compile("<text x=\"([0-9.]+)\"[^>]*class=\"neuron-number\">([^<]*)<").matcher(html);
            while (x.find()) {
                // 11 px monospace: about 7 px a character, so the last column's numbers end inside the drawing
                double end = Double.parseDouble(x.group(1)) + 7 * x.group(2).length();
                assertTrue(end <= width, digits + " digits: " + x.group(2) + " ends at " + end + " of " + width);
            }
        }
    }
}

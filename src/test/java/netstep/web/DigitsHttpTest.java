package netstep.web;

import netstep.json.LessonParser;
import netstep.json.StoredExperimentCodec;
import netstep.experiment.Config;
import netstep.experiment.Experiment;
import netstep.view.render.Digits;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** The number format the student picks: the form, the stored experiment, and every part of the page using it. */
class DigitsHttpTest {
    /** The number inside the diagram's neuron j of layer 1. */
    private static String diagramLabel(String html, int j) {
        Matcher m = Pattern.compile("href=\"#b1-" + j + "\"[^>]*>.*?class=\"neuron-value\">([^<]*)<").matcher(html);
        assertTrue(m.find(), "neuron " + j + " of layer 1 is labelled");
        return m.group(1);
    }

    private static String selected(String html) {
        Matcher m = Pattern.compile("<option value=\"(\\d)\" selected").matcher(html.substring(html.indexOf("id=\"digits-form\"")));
        assertTrue(m.find(), "one choice selected");
        return m.group(1);
    }

    @Test
    void theChoiceIsStoredAndEveryPartShowsTheSameString() {
        try (TestServer server = new TestServer()) {
            TestServer.Browser b = server.browser();
            assertEquals("4", selected(b.get("/").body()), "four digits by default");
            b.post("/step", "action", "forward");
            for (Digits d : Digits.CHOICES) {
                // without JavaScript: the form posts, the answer sends the browser back to the page
                assertEquals(303, b.post("/view/digits", "digits", String.valueOf(d.significant())).statusCode());
                assertEquals(d.significant(), (int) b.inspect(Experiment::digits), "stored with the experiment");
                String page = b.get("/").body();
                assertEquals(String.valueOf(d.significant()), selected(page), "the page shows the choice");
                double f1 = b.inspect(e -> e.trace().orElseThrow().forward().get(0).f().get(0));
                double w11 = b.inspect(e -> e.network().layer(0).weight(0, 0));
                String shown = d.f(f1);
                assertEquals(shown, diagramLabel(page, 1), "the diagram");
                assertEquals(shown, WebClient.text(page, "fwd-f1-1"), "the trace's table");
                assertTrue(page.contains("f₁[1] = " + shown), "the trace's neuron-by-neuron sums");
                assertEquals(d.f(w11), WebClient.text(page, "w1-1-1"), "the weight table");
            }
            // with htmx: the whole workspace comes back in the new format, and the choice survives a reload
            String fragment = b.htmx("/view/digits", "digits", "2").body();
            double a1 = b.inspect(e -> e.trace().orElseThrow().forward().get(0).a().get(0));
            assertTrue(fragment.contains("id=\"workspace\"") && fragment.contains("hx-swap-oob"), "the workspace, out of band");
            assertTrue(fragment.contains(">a " + Digits.TWO.f(a1) + "<"), "a₁[1] below its neuron with 2 digits");
            assertEquals("2", selected(b.get("/").body()));
        }
    }

    @Test
    void anythingButTwoFourOrSixIsRefusedAndChangesNothing() {
        try (TestServer server = new TestServer()) {
            TestServer.Browser b = server.browser();
            b.post("/view/digits", "digits", "6");
            for (String bad : new String[] {"3", "", "4.0", "-2", "999999999999", "six"}) {
                assertEquals(400, b.htmx("/view/digits", "digits", bad).statusCode(), bad);
            }
            assertEquals(400, b.post("/view/digits").statusCode(), "no field");
            assertEquals(6, (int) b.inspect(Experiment::digits));
        }
    }

    @Test
    void theStoredFormKeepsTheChoiceAndOlderFilesShowFour() {
        StoredExperimentCodec codec = new StoredExperimentCodec(LessonParser.library(null));
        Experiment e = new Experiment(Config.defaults());
        e.wholeStep();
        e.setDigits(6);
        String state = codec.write(e);
        assertTrue(state.contains("\"digits\":6"), state.substring(0, Math.min(300, state.length())));
        Experiment back = new Experiment(Config.defaults());
        codec.read(state, back);
        assertEquals(6, back.digits());
        Experiment older = new Experiment(Config.defaults());
        older.setDigits(2);
        codec.read(state.replace(",\"digits\":6", ""), older);
        assertEquals(4, older.digits(), "a file from before the choice existed");
        Experiment refused = new Experiment(Config.defaults());
        assertThrows(netstep.experiment.InvalidInput.class, () -> codec.read(state.replace("\"digits\":6", "\"digits\":5"), refused));
        assertEquals(4, refused.digits());
    }
}

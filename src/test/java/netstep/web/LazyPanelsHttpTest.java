package netstep.web;

import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A click at the step controls leaves the panels below the workbench (weights, history) to load when scrolled into
 * view: its answer carries them empty, each fetching itself; a weight edit, read where it is made, carries them whole.
 */
class LazyPanelsHttpTest {
    private static final Pattern W11 = Pattern.compile("<td (?:title=\"([^\"]*)\" )?id=\"w1-1-1\">([^<]*)<");

    @Test
    void theUpdatesAnswerLeavesWeightsAndHistoryToLoadWhenSeen() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            for (String phase : new String[] {"pick", "forward", "loss", "backward"}) {
                browser.postForm("/step", Map.of("action", phase), true);
            }
            String before = w11(browser.get("/").body());
            String answer = browser.postForm("/step", Map.of("action", "update"), true).body();
            assertTrue(answer.contains("<section id=\"weights\" class=\"panel\" hx-get=\"/weights\" "
                    + "hx-trigger=\"intersect once\" hx-swap=\"outerHTML\""), answer);
            assertTrue(answer.contains("<section id=\"history\" class=\"panel\" hx-get=\"/history?page=1\""), answer);
            assertFalse(W11.matcher(answer).find(), "no weight table in the answer");
            // the charts below the workbench too; the map keeps the page's samples out of sight meanwhile
            assertTrue(answer.contains("<div id=\"loss-chart\" class=\"panel chart-panel\" hx-get=\"/loss-chart\" "
                    + "hx-trigger=\"intersect once\" hx-swap=\"outerHTML\""), answer);
            assertTrue(answer.contains("<div id=\"computes\" class=\"panel chart-panel\" hx-get=\"/computes\""), answer);
            assertFalse(answer.contains("id=\"loss-svg\"") || answer.contains("id=\"computes-svg\""), answer);
            String lossChart = browser.getHtmx("/loss-chart").body();
            assertTrue(lossChart.startsWith("<div id=\"loss-chart\"") && lossChart.contains("id=\"loss-svg\""), lossChart);
            String computes = browser.getHtmx("/computes").body();
            assertTrue(computes.startsWith("<div id=\"computes\"") && computes.contains("id=\"computes-svg\""), computes);
            assertEquals(303, browser.get("/computes").statusCode(), "without htmx: to the page");

            HttpResponse<String> weights = browser.getHtmx("/weights");
            assertEquals(200, weights.statusCode());
            assertTrue(weights.body().startsWith("<section id=\"weights\""), weights.body());
            String after = w11(weights.body());
            assertNotEquals(before, after, "the panel shows the updated weights");
            assertEquals(after, w11(browser.get("/").body()), "as the page does");
            assertTrue(browser.getHtmx("/history?page=1").body().contains("id=\"history-step-1\""));

            HttpResponse<String> plain = browser.get("/weights");
            assertEquals(303, plain.statusCode(), "without htmx: to the page, at its weights");
            assertEquals("/#weights", plain.headers().firstValue("Location").orElse(""));

            // a weight edit is read where it is made: its answer carries the panel whole
            String edited = browser.postForm("/edit", Map.of("parameter", "w1-1-1", "value", "0.5"), true).body();
            assertEquals("0.5", w11(edited));
        });
    }

    /** Backpropagation's closed details come without their body in a step's answer, each loading it when opened. */
    @Test
    void aClosedPartOfBackpropagationLoadsWhenOpened() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            String answer = "";
            for (String phase : new String[] {"pick", "forward", "loss", "backward"}) {
                answer = browser.postForm("/step", Map.of("action", phase), true).body();
            }
            // 3-4-2: the output layer's eight chain rules are behind a click
            assertTrue(answer.contains("<details hx-get=\"/trace/1/chain-2\" hx-trigger=\"toggle once\">"), answer);
            assertFalse(answer.contains("∂L/∂W₂[1,1] = ∂L/∂f₂[1]"), "not in the answer");
            String page = browser.get("/").body();
            assertTrue(page.contains("∂L/∂W₂[1,1] = ∂L/∂f₂[1]") && !page.contains("/trace/1/chain-2"),
                    "the page has it whole, without JavaScript");

            HttpResponse<String> part = browser.getHtmx("/trace/1/chain-2");
            assertEquals(200, part.statusCode());
            assertTrue(part.body().startsWith("<ul class=\"sums\"><li>∂L/∂W₂[1,1] = ∂L/∂f₂[1]"), part.body());
            assertTrue(page.contains(part.body()), "as the page has it");
            for (String bad : new String[] {"/trace/1/chain-9", "/trace/1/sum-2-1", "/trace/0/chain-2", "/trace/x/chain-2",
                    "/trace/1/%3Cscript%3E"}) {
                assertEquals(400, browser.getHtmx(bad).statusCode(), bad);
            }
            assertTrue(browser.getHtmx("/trace/99/chain-2").body().contains("no longer kept"));
            HttpResponse<String> plain = browser.get("/trace/1/chain-2");
            assertEquals(303, plain.statusCode(), "without htmx: to the page, at its trace");
        });
    }

    private static String w11(String html) {
        Matcher m = W11.matcher(html);
        assertTrue(m.find(), "W₁[1,1] in the weights panel");
        return m.group(1) != null ? m.group(1) : m.group(2); // the exact value, in the title where it is longer
    }
}

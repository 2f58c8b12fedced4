package netstep.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The workbench (issue 12) on a projector's screen: after "Build network", every phase shows the network diagram
 * and the phase's own numbers together, without scrolling, and the diagram tells the phase's story.
 */
class WorkbenchBrowserTest extends BrowserTest {
    private static final String[][] PHASES = {{"pick", "Pick sample"}, {"forward", "Forward pass"}, {"loss", "Loss"},
            {"backward", "Backpropagation"}, {"update", "Update"}};

    @Test
    void diagramAndThePhasesNumbersShareOneProjectorScreen() {
        driver = Browser.start(true, 1366, 768);
        driver.get(base + "/");
        build("3", "4", "2", "regression-3-2");
        for (String[] phase : PHASES) {
            step(phase);
            Browser.screenshot(driver, "workbench-1366-" + phase[0]);
            assertInViewport("#diagram-svg", phase[0]);
            // the current phase's summary and its first table of numbers
            assertInViewport("#phase-" + phase[0] + " > summary", phase[0]);
            assertInViewport("#phase-" + phase[0] + " table", phase[0]);
            assertInViewport("#controls .next-button", phase[0]);
        }
    }

    @Test
    void theDiagramCaptionFollowsThePhase() {
        driver = Browser.start(true, 1366, 768);
        driver.get(base + "/");
        build("3", "4", "2", "regression-3-2");
        String previous = "";
        for (String[] phase : PHASES) {
            step(phase);
            waiting().until(ExpectedConditions.attributeContains(By.id("diagram-svg"), "class", "phase-" + phase[0]));
            String caption = driver.findElement(By.id("diagram-caption")).getText();
            assertNotEquals(previous, caption, phase[0]);
            previous = caption;
            int targets = driver.findElements(By.cssSelector("#diagram-svg .target-label")).size();
            switch (phase[0]) {
                case "pick" -> assertEquals(2, targets, "y beside both outputs");
                case "loss" -> {
                    assertEquals(2, targets);
                    assertEquals(2, driver.findElements(By.cssSelector("#diagram-svg .loss-label")).size());
                }
                case "backward" -> {
                    assertTrue(caption.contains("∂L/∂w"), caption);
                    assertEquals(3 * 4 + 4 * 2, driver.findElements(By.cssSelector("#diagram-svg .edges.gradient path.edge")).size());
                    assertTrue(driver.findElement(By.id("diagram-svg")).getText().contains("∂L/∂a"));
                    assertEdgeTips("∂L/∂W₁[1,1] = ", " · ");
                    // the output layer's chain rule, weight by weight, came without its body: opened, it loads it
                    click(By.cssSelector("#phase-backward details[hx-get] > summary"));
                    waiting().until(d -> d.findElements(By.cssSelector("#phase-backward .lazy")).isEmpty());
                    assertTrue(driver.findElement(By.cssSelector("#phase-backward details[hx-get]")).getText()
                            .contains("∂L/∂W₂[1,1] = ∂L/∂f₂[1] · ∂f₂[1]/∂a₂[1] · ∂a₂[1]/∂W₂[1,1] = "));
                }
                case "update" -> {
                    assertTrue(caption.contains("Δw"), caption);
                    assertEquals(3 * 4 + 4 * 2, driver.findElements(By.cssSelector("#diagram-svg .edges.delta path.edge")).size());
                    assertEdgeTips("ΔW₁[1,1] = ", " → ");
                    int most = driver.findElements(By.cssSelector("#diagram-svg path.changed-most")).size();
                    assertTrue(most > 0, "the most changed edges stand out");
                    assertEquals(most, driver.findElements(By.cssSelector("#diagram-svg path.edge-halo + path.changed-most")).size(),
                            "each on its halo");
                }
                default -> assertEquals(0, targets, phase[0]);
            }
        }
    }

    @Test
    void readableOnAPhoneInEveryPhase() {
        driver = Browser.start(true, 390, 844);
        driver.get(base + "/");
        build("3", "4", "2", "regression-3-2");
        for (String[] phase : PHASES) {
            step(phase);
            waiting().until(ExpectedConditions.attributeContains(By.id("diagram-svg"), "class", "phase-" + phase[0]));
            Browser.screenshot(driver, "workbench-390-" + phase[0]);
            // a label's size on screen: its CSS font size times the drawing's scale
            Number smallest = (Number) js("const svg = document.getElementById('diagram-svg');"
                    + "const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; let min = 1e9;"
                    + "for (const t of svg.querySelectorAll('text')) {"
                    + "  min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * scale); } return min;");
            assertTrue(smallest.doubleValue() >= 11, phase[0] + ": the smallest diagram label is " + smallest + " px");
            Number pageWidth = (Number) js("return document.documentElement.scrollWidth;");
            assertTrue(pageWidth.intValue() <= 390, phase[0] + ": no sideways scrolling of the page: " + pageWidth);
            // the first screen: the diagram starts in it, with the step buttons (a bar at the bottom) on screen
            Number diagramTop = (Number) js("return document.getElementById('diagram-svg').getBoundingClientRect().top;");
            System.out.println("phone 390×844, " + phase[0] + ": the diagram starts at " + diagramTop + " px");
            assertTrue(diagramTop.doubleValue() < 844 - 200, phase[0] + ": the diagram starts at " + diagramTop
                    + " px, and shows at least 200 px of itself above the step buttons");
            assertInViewport("#controls .next-button", phase[0]);
            assertInViewport("#controls button[value=" + phase[0] + "]", phase[0]);
            // the diagram scrolls sideways in its panel: at the loss it shows the outputs' ŷ and y, at the pick x
            if (phase[0].equals("loss")) assertInViewport("#diagram-svg .target-label", phase[0]);
            if (phase[0].equals("pick")) assertInViewport("#diagram-svg .neuron.input", phase[0]);
            js("window.scrollTo(0, 2000);");
            assertInViewport("#controls .next-button", phase[0] + ", scrolled down");
            js("window.scrollTo(0, 0);");
        }
    }

    /** The answer sent the edges' tips as numbers: netstep.js has written each out (hover and focus show it). */
    private void assertEdgeTips(String first, String inside) {
        waiting().until(d -> d.findElements(By.cssSelector("#diagram-svg a[data-tip]")).isEmpty());
        List<String> tips = driver.findElements(By.cssSelector("#diagram-svg .edges a > title")).stream()
                .map(t -> t.getAttribute("textContent")).toList();
        assertEquals(3 * 4 + 4 * 2, tips.size(), "a tip on every edge");
        assertTrue(tips.get(0).startsWith(first) && tips.get(0).contains(inside), tips.get(0));
        assertTrue(tips.stream().allMatch(t -> t.matches("\\S*W[₁₂]\\[\\d,\\d] = .*\\d")), tips.toString());
        List<String> neurons = driver.findElements(By.cssSelector("#diagram-svg a.neuron:not(.input) > title")).stream()
                .map(t -> t.getAttribute("textContent")).toList();
        assertEquals(4 + 2, neurons.size(), "a tip on every neuron after the inputs");
        assertTrue(neurons.stream().allMatch(t -> t.matches("layer [12], neuron \\d: .*" + (first.startsWith("Δ")
                ? "Δb[₁₂]\\[\\d] = .* → .*" : "a = .*, f\\(a\\) = .*; ∂L/∂a = .*"))), neurons.toString());
        // word for word what the full page, rendered by the server for a browser without JavaScript, says
        assertEquals(serverTips("#diagram-svg .edges a > title"), tips);
        assertEquals(serverTips("#diagram-svg a.neuron:not(.input) > title"), neurons);
    }

    /** The texts of the elements {@code selector} finds in the full page as the server renders it now. */
    @SuppressWarnings("unchecked")
    private List<String> serverTips(String selector) {
        return (List<String>) ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
                "const selector = arguments[0], done = arguments[arguments.length - 1];"
                        + "fetch('/').then(r => r.text()).then(html => done([...new DOMParser()"
                        + ".parseFromString(html, 'text/html').querySelectorAll(selector)].map(t => t.textContent)));",
                selector);
    }

    /** Types a network into the form, builds it, and goes back to the top of the page as a student would see it. */
    private void build(String inputs, String hidden, String outputs, String dataset) {
        setField("inputs", inputs);
        setField("hidden", hidden);
        setField("outputs", outputs);
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("dataset"))).selectByValue(dataset);
        click(By.cssSelector("#config-form button[type=submit]"));
        waiting().until(ExpectedConditions.attributeContains(By.id("step-count"), "textContent", "0"));
        waiting().until(d -> d.findElements(By.cssSelector("#network-param-total")).stream()
                .anyMatch(e -> !e.getText().isBlank()));
        js("window.scrollTo(0, 0);");
    }

    /** Presses a phase's button where it is (the controls stay on screen) and waits for its answer. */
    private void step(String[] phase) {
        // found again if a swap replaced the controls between finding and clicking
        waiting().until(d -> {
            d.findElement(By.cssSelector("#controls button[value=" + phase[0] + "]")).click();
            return true;
        });
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("phase-name"), phase[1]));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#phase-" + phase[0] + ".current")));
    }

    @SuppressWarnings("unchecked")
    private void assertInViewport(String selector, String phase) {
        Map<String, Object> box = (Map<String, Object>) js("const e = document.querySelector(arguments[0]);"
                + "if (!e) return null; const r = e.getBoundingClientRect();"
                + "return {top: r.top, left: r.left, bottom: r.bottom, right: r.right,"
                + " w: window.innerWidth, h: window.innerHeight};", selector);
        assertNotNull(box, phase + ": " + selector + " is on the page");
        double top = ((Number) box.get("top")).doubleValue();
        double bottom = ((Number) box.get("bottom")).doubleValue();
        double left = ((Number) box.get("left")).doubleValue();
        double right = ((Number) box.get("right")).doubleValue();
        double w = ((Number) box.get("w")).doubleValue();
        double h = ((Number) box.get("h")).doubleValue();
        assertTrue(top >= -1 && left >= -1 && bottom <= h + 1 && right <= w + 1,
                phase + ": " + selector + " at " + box + " is inside the " + w + "×" + h + " viewport");
    }
}

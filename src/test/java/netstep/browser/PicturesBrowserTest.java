package netstep.browser;

import io.javalin.Javalin;
import netstep.web.App;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** The pictures in a real browser: a 2-D dataset stepped phase by phase and for an epoch, with screenshots. */
class PicturesBrowserTest extends BrowserTest {

    @Test
    void diagramAndChartsFollowEveryPhaseOfAnXorEpoch() {
        driver = Browser.start(true, 1280, 2400);
        driver.get(base + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.ignoring(StaleElementReferenceException.class); // htmx replaces the workspace under our feet
        setField("inputs", "2");
        setField("hidden", "2");
        setField("outputs", "1");
        new Select(driver.findElement(By.id("hiddenActivation"))).selectByValue("tanh");
        new Select(driver.findElement(By.id("outputActivation"))).selectByValue("sigmoid");
        new Select(driver.findElement(By.id("dataset"))).selectByValue("xor");
        setField("learningRate", "0.5");
        click(By.cssSelector("#config-form button[type=submit]"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("network-param-total"), "9"));
        click(By.cssSelector("#config > summary")); // fold the form away, as a student would before stepping

        assertEquals(5, driver.findElements(By.cssSelector("#diagram-svg .neuron circle")).size(), "2 + 2 + 1 neurons");
        assertEquals(6, driver.findElements(By.cssSelector("#diagram-svg path.edge")).size(), "4 + 2 weights");
        assertTrue(driver.findElement(By.cssSelector("#computes-svg image.heatmap")).isDisplayed());
        assertEquals(2 + 1, driver.findElements(By.cssSelector("#diagram-svg .neuron-pictures use")).size(),
                "a map inside each hidden neuron and the output");
        String heatmapBefore = driver.findElement(By.cssSelector("#computes-svg image.heatmap")).getAttribute("href");
        String curveBefore = driver.findElement(By.cssSelector("#loss-svg polyline")).getAttribute("points");

        String previousDiagram = diagramMarkup();
        for (String phase : new String[] {"pick", "forward", "loss", "backward", "update"}) {
            click(By.cssSelector("#controls button[value=" + phase + "]"));
            wait.until(ExpectedConditions.attributeContains(By.id("diagram-svg"), "class", "phase-" + phase));
            // the update's answer leaves the charts below the workbench to load once in view, the map's samples kept
            if (phase.equals("update")) scrollToCharts();
            String diagram = diagramMarkup();
            assertNotEquals(previousDiagram, diagram, "the diagram changes at " + phase);
            previousDiagram = diagram;
            // an answer leaves the edges, pictures and samples the page shows to the page (hx-preserve): all there
            assertEquals(6, driver.findElements(By.cssSelector("#diagram-svg path.edge")).size(), phase);
            assertEquals(2 + 1, driver.findElements(By.cssSelector("#diagram-svg .neuron-pictures use")).size(), phase);
            assertEquals(4, driver.findElements(By.cssSelector("#computes-svg .map-samples rect, #computes-svg .map-samples circle")).size(),
                    phase + ": the four XOR samples on the map");
            assertTrue(driver.findElements(By.cssSelector("[hx-preserve]")).isEmpty(), phase + ": no placeholder left");
            String flow = driver.findElement(By.cssSelector("#diagram-svg .flow")).getText();
            if (phase.equals("forward")) assertTrue(flow.contains("left to right"), flow);
            if (phase.equals("backward")) assertTrue(flow.contains("right to left"), flow);
            Browser.screenshot(driver, "pictures-" + phase);
        }
        assertFalse(driver.findElements(By.cssSelector("#diagram-svg .changed-most")).isEmpty(),
                "the most changed weights stand out after the update");
        assertNotEquals(curveBefore, driver.findElement(By.cssSelector("#loss-svg polyline")).getAttribute("points"));

        click(By.cssSelector("#controls button[value=epoch]"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("epoch-count"), "1"));
        scrollToCharts();
        assertNotEquals(heatmapBefore, driver.findElement(By.cssSelector("#computes-svg image.heatmap")).getAttribute("href"),
                "the decision boundary moved");
        Browser.screenshot(driver, "pictures-after-epoch");

        // the history shows every step; its newest row opens that step's trace again. A step's answer leaves it
        // to load once in view, as the weights
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("document.getElementById('history').scrollIntoView();");
        wait.until(d -> d.findElements(By.cssSelector("#history tbody tr")).size() == 4);
        click(By.cssSelector("#history-step-2 a"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#trace h2"), "Step 2"));
        assertTrue(driver.findElement(By.cssSelector("#trace")).getText().contains("from the history"));
        // a phase clicked while a past step is shown: its answer only appends to the current trace, so netstep.js
        // fetches the current trace whole
        click(By.cssSelector("#controls button[value=pick]"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#trace[data-at$='-pick']")));
        click(By.cssSelector("#history-step-2 a"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#trace h2"), "Step 2"));
        click(By.cssSelector("#controls button[value=forward]"));
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#trace[data-at$='-forward'] > #phase-forward.current")));
        assertFalse(driver.findElement(By.cssSelector("#trace")).getText().contains("from the history"));
        assertEquals(2, driver.findElements(By.cssSelector("#trace > details.phase")).size());

        // a page that shows other pictures than the server thinks (as behind another tab's clicks) finds no element
        // to keep for the answer's placeholder: netstep.js fetches the diagram whole, so nothing goes missing
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "document.querySelector('#diagram-svg .neuron-pictures').id = 'pictures-from-elsewhere';");
        click(By.cssSelector("#controls button[value=loss]"));
        wait.until(ExpectedConditions.attributeContains(By.id("diagram-svg"), "class", "phase-loss"));
        wait.until(d -> d.findElements(By.cssSelector("#diagram-svg .neuron-pictures use")).size() == 3);
        assertTrue(driver.findElements(By.cssSelector("[hx-preserve]")).isEmpty(), "no placeholder left");
        assertTrue(driver.findElements(By.id("pictures-from-elsewhere")).isEmpty());

        // log scale toggle
        click(By.cssSelector("#loss-chart button"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#loss-chart button"), "Linear"));
        Browser.screenshot(driver, "pictures-log-scale");
    }

    /** Scrolls to the loss curve and the map, as a student following the status bar's links, and waits for both. */
    private void scrollToCharts() {
        for (String chart : new String[] {"loss-chart", "computes"}) {
            ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                    "document.getElementById(arguments[0]).scrollIntoView();", chart);
            waiting().until(d -> d.findElements(By.cssSelector("#" + chart + " svg.chart")).size() == 1);
        }
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0);");
    }

    private String diagramMarkup() {
        return driver.findElement(By.id("diagram-svg")).getAttribute("outerHTML");
    }


}

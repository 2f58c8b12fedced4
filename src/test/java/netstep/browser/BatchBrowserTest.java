package netstep.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Issue 14 on the page: feature tick boxes, then a batch of 4 with L2 stepped phase by phase with htmx. */
class BatchBrowserTest extends BrowserTest {

    @Test
    void tickBoxesSetTheInputsAndABatchOfFourWithL2IsShownPhaseByPhase() {
        driver = Browser.start(true, 1280, 1800);
        driver.get(base + "/");
        js("window.__noReload = 'yes';");

        new Select(driver.findElement(By.id("dataset"))).selectByValue("circle");
        setField("hidden", "4");
        setField("outputs", "1");
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("param-total"), "17"));
        // ticking features: the input layer's width and the parameter count follow
        click(By.id("feature-x1sq"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("param-inputs"), "1"));
        assertEquals("13", text("param-total"), "1-4-1: 4 + 4 weights, 4 + 1 biases");
        click(By.id("feature-x2sq"));
        click(By.id("feature-x1x2"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("param-inputs"), "3"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("param-total"), "21"));
        assertTrue(text("param-formula").startsWith("(3×4)"), text("param-formula"));

        setField("batchSize", "4");
        new Select(driver.findElement(By.id("regularization"))).selectByValue("l2");
        setField("lambda", "0.1");
        Browser.screenshot(driver, "batch-0-form");
        click(By.cssSelector("#config-form button[type=submit]"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("network-param-total"), "21"));
        // the diagram labels each input with its feature
        List<String> labels = driver.findElements(By.cssSelector("#diagram .input-feature")).stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of("x₁²", "x₂²", "x₁x₂"), labels);
        js("arguments[0].scrollIntoView({block: 'start'});", driver.findElement(By.id("diagram")));
        Browser.screenshot(driver, "batch-1-diagram");

        next("Pick sample");
        assertEquals(4, driver.findElements(By.cssSelector("#batch-samples tbody tr")).size(), "b = 4 samples");
        assertTrue(driver.findElement(By.id("raw-point")).getText().contains("(x₁, x₂)"), "the raw point is shown");
        next("Forward pass");
        assertEquals(4, driver.findElements(By.cssSelector("#batch-forward tbody tr")).size());
        next("Loss");
        double sum = 0;
        for (int s = 1; s <= 4; s++) sum += number("batch-loss-" + s);
        double mean = number("batch-data-loss");
        assertEquals(sum / 4, mean, 1e-12, "L is the mean of the four losses");
        double lambdaR = number("batch-lambda-r");
        assertTrue(lambdaR > 0, "λR of nonzero weights");
        assertEquals(mean + lambdaR, number("batch-total-loss"), 1e-12);
        Browser.screenshot(driver, "batch-3-loss");

        next("Backpropagation");
        List<WebElement> choices = driver.findElements(By.cssSelector("#phase-backward .batch-choice"));
        assertEquals(4, choices.size(), "a link per sample");
        assertEquals("true", choices.get(0).getAttribute("aria-current"));
        assertTrue(driver.findElement(By.id("batch-rw1-1-1")).isDisplayed(), "λ ∂R/∂W beside ∂L/∂W");
        js("arguments[0].scrollIntoView({block: 'center'});", choices.get(2));
        choices.get(2).click();
        waiting().until(d -> "true".equals(d.findElement(By.cssSelector("#phase-backward .batch-choice:nth-of-type(3)"))
                .getAttribute("aria-current")));
        assertTrue(driver.findElement(By.id("phase-backward")).getText().contains("sample s = 3"));
        Browser.screenshot(driver, "batch-4-backward-sample-3");

        next("Update");
        assertTrue(text("batch-update").contains("W ← W − η(∂L/∂W + λ ∂R/∂W)"), text("batch-update"));
        assertEquals("1", text("step-count"));
        assertEquals("yes", js("return window.__noReload;"), "htmx swapped fragments; the page never reloaded");
        Browser.screenshot(driver, "batch-5-update");
    }

    private void next(String phase) {
        click(By.cssSelector("#controls button[name=action][value=next]"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("phase-name"), phase));
    }

    /** The exact value of a number cell (its title holds all the digits when the text is rounded). */
    private double number(String id) {
        WebElement cell = driver.findElement(By.id(id));
        String title = cell.getAttribute("title");
        String shown = title == null || title.isBlank() ? cell.getText() : title;
        return Double.parseDouble(shown.strip().replace('−', '-'));
    }
}

package netstep.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 14's phases walked on the page with b = 1, b = 3 with L1 and b = N with L2, and input features on the decision
 * map, each phase's screenshot kept in target/screenshots (walk-*); and the sample selector without JavaScript.
 */
class TrainingWalkBrowserTest extends BrowserTest {

    /** Sets the configuration form's fields by name (ticking the listed features) and submits it. */
    private void configure(String features, String... fields) {
        for (int i = 0; i < fields.length; i += 2) {
            js("document.querySelector('#config-form [name=' + arguments[0] + ']').value = arguments[1];",
                    fields[i], fields[i + 1]);
        }
        for (String f : features.isEmpty() ? new String[0] : features.split(",")) click(By.id("feature-" + f));
        WebElement form = driver.findElement(By.id("config-form"));
        // the form folds away once configured: submitted as its button would (htmx hears the submit event)
        js("document.getElementById('config-form').requestSubmit();");
        waiting().until(ExpectedConditions.stalenessOf(form));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("phase-name")));
    }

    private void next(String phase) {
        click(By.cssSelector("#controls button[name=action][value=next]"));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("phase-name"), phase));
    }

    private String phaseText(String id) {
        return driver.findElement(By.id("phase-" + id)).getText();
    }

    private void shoot(String name, String id) {
        js("arguments[0].scrollIntoView({block: 'start'});", driver.findElement(By.id(id)));
        Browser.screenshot(driver, "walk-" + name);
    }

    private static final String[] CIRCLE = {"dataset", "circle", "inputs", "2", "hidden", "4", "outputs", "1",
            "hiddenActivation", "tanh", "outputActivation", "sigmoid", "loss", "l2", "size", "12", "testFraction", "0",
            "learningRate", "0.5"};

    private static String[] with(String... more) {
        String[] all = new String[CIRCLE.length + more.length];
        System.arraycopy(CIRCLE, 0, all, 0, CIRCLE.length);
        System.arraycopy(more, 0, all, CIRCLE.length, more.length);
        return all;
    }

    @Test
    void everyPhaseReadsRightWithOneSampleABatchOfThreeWithL1AndTheFullBatchWithL2() {
        driver = Browser.start(true, 1280, 1400);
        driver.get(base + "/");

        configure("", with("batchSize", "1", "regularization", "none", "lambda", ""));
        next("Pick sample");
        assertTrue(driver.findElements(By.id("batch-samples")).isEmpty(), "b = 1: the lecture's page, no batch");
        next("Forward pass");
        next("Loss");
        next("Backpropagation");
        next("Update");
        assertFalse(phaseText("update").contains("λ"), "no regularization, no λ");
        shoot("b1-update", "trace");

        configure("", with("batchSize", "3", "regularization", "l1", "lambda", "0.05"));
        next("Pick sample");
        assertEquals(3, driver.findElements(By.cssSelector("#batch-samples tbody tr")).size());
        assertTrue(phaseText("pick").contains("⌈N/b⌉ = 4 steps"), phaseText("pick"));
        assertEquals(1, driver.findElements(By.cssSelector("#dataset-table tr.current-sample")).size());
        assertEquals(2, driver.findElements(By.cssSelector("#dataset-table tr.batch-sample")).size(),
                "the data table marks the whole batch");
        shoot("b3-pick", "trace");
        next("Forward pass");
        next("Loss");
        String loss = phaseText("loss");
        assertTrue(loss.contains("Data loss, the mean over the batch: L = (1/b) Σₛ Lₛ"), loss);
        assertTrue(loss.contains("R = Σ|w|") || loss.contains("L1"), loss);
        assertTrue(loss.contains("L + λR"), loss);
        shoot("b3-loss", "trace");
        next("Backpropagation");
        assertTrue(driver.findElement(By.id("batch-rw1-1-1")).isDisplayed(), "λ ∂R/∂W beside ∂L/∂W");
        assertTrue(phaseText("backward").contains("λ ∂R/∂W"), phaseText("backward"));
        shoot("b3-backward", "trace");
        next("Update");
        String update = phaseText("update");
        assertTrue(update.contains("W ← W − η(∂L/∂W + λ ∂R/∂W), b ← b − η ∂L/∂b"), update);
        shoot("b3-update", "trace");
        // a step's answer leaves the history to load once scrolled into view, as a student would scroll to it
        js("arguments[0].scrollIntoView({block: 'start'});", driver.findElement(By.id("history")));
        WebElement row = waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("history-step-1")));
        assertTrue(row.getText().contains("(b = 3)"), row.getText());
        shoot("b3-history", "history");

        configure("", with("batchSize", "12", "regularization", "l2", "lambda", "0.1"));
        next("Pick sample");
        assertEquals(12, driver.findElements(By.cssSelector("#batch-samples tbody tr")).size(), "b = N: every sample");
        assertTrue(phaseText("pick").contains("⌈N/b⌉ = 1 step."), phaseText("pick"));
        next("Forward pass");
        next("Loss");
        assertTrue(phaseText("loss").contains("½ Σ w²") || phaseText("loss").contains("L2"), phaseText("loss"));
        next("Backpropagation");
        next("Update");
        shoot("bN-update", "trace");
    }

    @Test
    void withFeaturesTheDecisionMapIsDrawnOverThePointsThemselves() {
        driver = Browser.start(true, 1280, 1400);
        driver.get(base + "/");
        configure("x1sq,x2sq", with("batchSize", "1", "regularization", "none", "lambda", "", "hidden", ""));
        WebElement note = driver.findElement(By.id("map-features"));
        assertTrue(note.getText().contains("x₁², x₂²"), note.getText());
        assertFalse(driver.findElement(By.id("computes")).getText().contains("no plane"));
        assertEquals("x₁²", driver.findElement(By.cssSelector("#dataset-table th:nth-child(2)")).getText(),
                "the data table names the features it lists");
        shoot("features-map", "computes");
    }

    @Test
    void theSampleSelectorWorksWithoutJavaScript() {
        driver = Browser.start(false, 1280, 1400);
        driver.get(base + "/");
        configure("", with("batchSize", "3", "regularization", "none", "lambda", ""));
        for (String action : List.of("pick", "forward", "loss", "backward")) {
            click(By.cssSelector("#controls button[name=action][value=" + action + "]"));
        }
        click(By.cssSelector("#phase-backward .batch-selector button[value='2']"));
        waiting().until(d -> "true".equals(d.findElement(By.cssSelector("#phase-backward .batch-choice:nth-of-type(2)"))
                .getAttribute("aria-current")));
        assertTrue(phaseText("backward").contains("Sample s = 2 ("), phaseText("backward"));
        shoot("nojs-selector", "trace");
    }
}

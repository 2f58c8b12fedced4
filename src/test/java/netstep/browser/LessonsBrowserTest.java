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
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** An instructor's first lesson in a real browser: pick it, guess the weight, step, export. */
class LessonsBrowserTest extends BrowserTest {

    @Test
    void pickTheLessonGuessTheWeightStepAndExport() {
        driver = Browser.start(true, 1280, 2000);
        driver.get(base + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.ignoring(StaleElementReferenceException.class);

        new Select(driver.findElement(By.id("lesson"))).selectByValue("01-perceptron-y-equals-wx");
        click(By.cssSelector("#lesson-form button"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lesson-panel")));
        assertTrue(driver.findElement(By.id("lesson-panel")).getText().contains("What do you think the weight w is?"));
        assertFalse(driver.findElement(By.id("hidden")).isEnabled(), "the network is locked in this lesson");
        Browser.screenshot(driver, "lesson-1-opened");

        // clicking the weight's cell names it in the edit form; the guess replaces it
        click(By.id("w1-1-1"));
        assertEquals("w1-1-1", driver.findElement(By.id("edit-parameter")).getAttribute("value"));
        WebElement value = driver.findElement(By.id("edit-value"));
        value.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE, "2");
        click(By.cssSelector("#edit-form button"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("w1-1-1"), "2"));
        assertTrue(driver.findElement(By.id("notice")).getText().contains("W₁[1,1] set to 2.0"));

        click(By.cssSelector("#controls button[value=loss]"));
        // the lesson asks for ŷ before the forward pass: predict it (ŷ = 2·5 = 10), then the phases open
        wait.until(ExpectedConditions.elementToBeClickable(By.id("quiz-answer"))).sendKeys("10");
        click(By.id("quiz-submit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("phase-name"), "Forward pass"));
        click(By.cssSelector("#controls button[value=loss]"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("phase-name"), "Loss"));
        // x = 5, y = 10.1, ŷ = 2·5 = 10: L = ½(10.1 − 10)² = 0.005
        assertEquals("0.005", driver.findElement(By.id("loss-value")).getText());
        click(By.cssSelector("#controls button[value=update]"));
        // the sign of dL/dw is skipped; "What do you think the weight is?" is answered: 2 + 0.02·0.1·5 = 2.01
        wait.until(ExpectedConditions.elementToBeClickable(By.id("quiz-skip")));
        click(By.id("quiz-skip"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("phase-name"), "Backpropagation"));
        click(By.cssSelector("#controls button[value=update]"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("quiz-answer"))).sendKeys("2.01");
        click(By.id("quiz-submit"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("step-count"), "1"));
        assertEquals("2 of 3", driver.findElement(By.id("quiz-score")).getText());
        Browser.screenshot(driver, "lesson-1-after-guess-and-step");

        Object exported = ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/export/experiment.json').then(r => r.json()).then(j => done(JSON.stringify(j)));");
        String json = (String) exported;
        // w ← w + η(y − ŷ)x = 2 + 0.02·0.1·5 = 2.01
        assertTrue(json.contains("\"steps\":1"), json);
        assertTrue(json.contains("[[2.01"), json);
    }


    @Test
    void everyLessonOpensFromTheMenu() {
        driver = Browser.start(true, 1280, 2000);
        driver.get(base + "/");
        List<String> ids = new Select(driver.findElement(By.id("lesson"))).getOptions().stream()
                .map(o -> o.getAttribute("value")).filter(v -> !v.isEmpty()).toList();
        assertTrue(ids.size() >= 8, ids.toString());
        for (String id : ids) {
            new Select(driver.findElement(By.id("lesson"))).selectByValue(id);
            click(By.cssSelector("#lesson-form button"));
            waiting().until(d -> {
                WebElement selected = new Select(d.findElement(By.id("lesson"))).getFirstSelectedOption();
                return id.equals(selected.getAttribute("value")) && !d.findElements(By.id("lesson-panel")).isEmpty();
            });
            // htmx may still be swapping the workspace in: read the panel's text once it has settled
            String panel = waiting().ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.id("lesson-panel")).getText());
            assertFalse(panel.isBlank(), id);
            Browser.screenshot(driver, "lesson-" + id);
        }
    }
}

package netstep.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import static org.junit.jupiter.api.Assertions.*;

/** "Train N epochs" in a real browser under the Content-Security-Policy: htmx polls, then shows the result. */
class TrainingBrowserTest extends BrowserTest {

    @Test
    void aTrainingRunShowsItsProgressAndThenItsResultWithoutAReload() {
        driver = Browser.start(true, 1280, 1600);
        driver.get(base + "/");
        js("window.__noReload = 'yes';");

        WebElement epochs = driver.findElement(By.id("epochs"));
        epochs.clear();
        epochs.sendKeys("200");
        js("arguments[0].click();", driver.findElement(By.id("training-start")));

        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("training-outcome"),
                "Trained 200 epochs"));
        assertEquals("2400", driver.findElement(By.id("step-count")).getText());
        assertEquals("200", driver.findElement(By.id("epoch-count")).getText());
        assertEquals("yes", js("return window.__noReload;"), "htmx swapped fragments; the page never reloaded");
        assertEquals(0L, js("return document.querySelectorAll('style, [style]').length;"),
                "no inline style: htmx injected none, and no element carries a style attribute");
        assertTrue(driver.findElements(By.cssSelector("[hx-trigger^='every']")).isEmpty(), "polling stopped");
        Browser.screenshot(driver, "training-done");
    }
}

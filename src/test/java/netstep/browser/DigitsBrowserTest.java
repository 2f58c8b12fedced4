package netstep.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The digits lesson at a laptop's 1366×768: the input image, the class scores and the templates after one step. */
class DigitsBrowserTest extends BrowserTest {

    @Test
    void openTheDigitsLessonAndStepOnce() {
        driver = Browser.start(true, 1366, 768);
        driver.get(base + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        new Select(driver.findElement(By.id("lesson"))).selectByValue("09-linear-classifier-digits");
        click(By.cssSelector("#lesson-form button"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lesson-panel")));

        click(By.cssSelector("#controls button[value=pick]"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("pick-image")));
        show("pick-image");
        Browser.screenshot(driver, "digits-pick");
        click(By.cssSelector("#controls button[value=forward]"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("class-scores")));
        assertEquals(10, driver.findElements(By.cssSelector("#class-scores tbody tr")).size());
        assertEquals(10, driver.findElements(By.cssSelector("#templates svg.template")).size());
        assertTrue(driver.findElement(By.id("pick-image")).getSize().getWidth() >= 100, "the image is enlarged");
        show("class-scores");
        Browser.screenshot(driver, "digits-forward-class-scores");
        show("templates");
        Browser.screenshot(driver, "digits-forward-templates");
    }

    /** Scrolls the element to the middle of the window, clear of the sticky step controls. */
    private void show(String id) {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "document.getElementById(arguments[0]).scrollIntoView({block: 'center'})", id);
    }
}

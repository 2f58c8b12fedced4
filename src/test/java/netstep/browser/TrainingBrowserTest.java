package netstep.browser;

import io.javalin.Javalin;
import netstep.web.App;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** "Train N epochs" in a real browser under the Content-Security-Policy: htmx polls, then shows the result. */
class TrainingBrowserTest {
    private static Javalin app;
    private static String base;
    private WebDriver driver;

    @BeforeAll
    static void startServer() {
        Browser.assumeAvailable();
        app = App.create().start(0);
        base = "http://localhost:" + app.port();
    }

    @AfterAll
    static void stopServer() {
        if (app != null) app.stop();
    }

    @AfterEach
    void quit() {
        if (driver != null) driver.quit();
    }

    @Test
    void aTrainingRunShowsItsProgressAndThenItsResultWithoutAReload() {
        driver = Browser.start(true, 1280, 1600);
        driver.get(base + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        js("window.__noReload = 'yes';");

        WebElement epochs = driver.findElement(By.id("epochs"));
        epochs.clear();
        epochs.sendKeys("200");
        js("arguments[0].click();", driver.findElement(By.id("training-start")));

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("training-outcome"), "Trained 200 epochs"));
        assertEquals("2400", driver.findElement(By.id("step-count")).getText());
        assertEquals("200", driver.findElement(By.id("epoch-count")).getText());
        assertEquals("yes", js("return window.__noReload;"), "htmx swapped fragments; the page never reloaded");
        assertEquals(0L, js("return document.querySelectorAll('style').length;"),
                "htmx injected no inline style, which the Content-Security-Policy would block");
        assertTrue(driver.findElements(By.cssSelector("[hx-trigger^='every']")).isEmpty(), "polling stopped");
        Browser.screenshot(driver, "training-done");
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }
}

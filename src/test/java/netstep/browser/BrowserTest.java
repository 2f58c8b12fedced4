package netstep.browser;

import io.javalin.Javalin;
import netstep.web.App;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

/** A server on a random port for the class's tests, a browser per test, and the gestures they share. */
abstract class BrowserTest {
    protected static Javalin app;
    protected static String base;
    protected WebDriver driver;

    @BeforeAll
    static void startServer() {
        Browser.assumeAvailable();
        app = App.create().start(0);
        base = "http://localhost:" + app.port();
    }

    @AfterAll
    static void stopServer() {
        if (app != null) app.stop();
        app = null;
    }

    @AfterEach
    void quit() {
        if (driver != null) driver.quit();
    }

    /** A wait that shrugs off elements htmx replaced between finding and reading them. */
    protected WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    protected Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Clicks what {@code by} finds, found again if htmx replaced it between finding and clicking. */
    protected void click(By by) {
        waiting().until(d -> {
            WebElement element = d.findElement(by);
            js("arguments[0].scrollIntoView({block: 'center'});", element);
            element.click();
            return true;
        });
    }

    protected void setField(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
        field.sendKeys(value);
    }

    protected String text(String id) {
        return driver.findElement(By.id(id)).getText().strip();
    }
}

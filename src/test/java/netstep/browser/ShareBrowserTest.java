package netstep.browser;

import netstep.json.LessonParser;
import io.javalin.Javalin;
import netstep.store.Database;
import netstep.store.SessionStore;
import netstep.web.App;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** In Chromium, on the embedded database: Share, the read-only copy, Make it mine, and a failed save said on the page. */
class ShareBrowserTest {
    @TempDir
    Path dataDir;
    private Database database;
    private Javalin app;
    private WebDriver driver;
    private String base;

    @BeforeEach
    void start() {
        Browser.assumeAvailable();
        database = Database.embedded(dataDir);
        app = App.create(new SessionStore(), LessonParser.library(null), database).start(0);
        base = "http://localhost:" + app.port();
        driver = Browser.start(true, 1280, 900);
    }

    @AfterEach
    void stop() {
        if (driver != null) driver.quit();
        if (app != null) app.stop();
        if (database != null) database.close();
    }

    @Test
    void shareShowsAReadOnlyCopyAndMakeItMineContinuesFromIt() {
        driver.get(base + "/");
        wholeStep("1");
        wholeStep("2");
        driver.findElement(By.cssSelector("#share-form button")).click();
        wait(ExpectedConditions.urlContains("/shared/"));
        assertTrue(driver.findElement(By.id("shared")).getText().contains("at step 2"));
        List<WebElement> controls = driver.findElements(By.cssSelector("#shared-copy button, #shared-copy input"));
        assertFalse(controls.isEmpty());
        for (WebElement control : controls) assertFalse(control.isEnabled(), control.getAttribute("outerHTML"));
        assertEquals("2", driver.findElement(By.id("step-count")).getText().strip());

        driver.findElement(By.cssSelector("#fork-form button")).click();
        wait(ExpectedConditions.urlToBe(base + "/"));
        assertEquals("2", driver.findElement(By.id("step-count")).getText().strip());
        wholeStep("3");
    }

    @Test
    void aStepThatCannotBeSavedSaysSoOnThePageAndIsUndone() {
        driver.get(base + "/");
        wholeStep("1");
        database.close(); // the database goes away
        driver.findElement(By.cssSelector("#controls button[value=whole]")).click();
        WebElement message = wait(ExpectedConditions.visibilityOfElementLocated(By.id("server-message")));
        assertTrue(message.getText().contains("could not be saved"), message.getText());
        assertEquals("1", driver.findElement(By.id("step-count")).getText().strip());
        database = null;
    }

    private void wholeStep(String expectedCount) {
        driver.findElement(By.cssSelector("#controls button[value=whole]")).click();
        wait(ExpectedConditions.textToBe(By.id("step-count"), expectedCount));
    }

    private <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(condition);
    }
}

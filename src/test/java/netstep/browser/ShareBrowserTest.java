package netstep.browser;

import netstep.store.JdbcExperimentRepository;
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
        app = App.create(new SessionStore(), LessonParser.library(null), new JdbcExperimentRepository(database.dataSource())).start(0);
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

    @Test
    void theSharedPageShowsItsLinkToCopyAQrCodeThatScansToItAndTheLessonText() throws Exception {
        driver.get(base + "/");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("lesson")))
                .selectByValue("01-perceptron-y-equals-wx");
        driver.findElement(By.cssSelector("#lesson-form button")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("lesson-panel")));
        wholeStep("1");
        driver.findElement(By.cssSelector("#share-form button")).click();
        wait(ExpectedConditions.urlContains("/shared/"));
        String url = driver.getCurrentUrl();

        WebElement link = driver.findElement(By.id("share-link"));
        assertEquals(url, link.getAttribute("value"));
        assertTrue(link.getAttribute("readonly") != null, "a read-only field");
        WebElement copy = driver.findElement(By.id("copy-link"));
        assertTrue(copy.isDisplayed() && copy.isEnabled(), "the Copy button, with JavaScript");
        copy.click();
        String said = wait(d -> {
            String t = d.findElement(By.id("copy-status")).getText();
            return t.isBlank() ? null : t;
        });
        assertTrue(said.contains("Copied") || said.contains("Ctrl+C"), said);

        // the QR code is big enough to project, and a reader decodes the page's own address from the screen
        WebElement qr = driver.findElement(By.id("share-qr"));
        assertTrue(qr.getRect().getWidth() >= 300, "QR code width " + qr.getRect().getWidth());
        java.awt.image.BufferedImage shot = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(
                qr.getScreenshotAs(org.openqa.selenium.OutputType.BYTES)));
        int[] pixels = shot.getRGB(0, 0, shot.getWidth(), shot.getHeight(), null, 0, shot.getWidth());
        var bitmap = new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                new com.google.zxing.RGBLuminanceSource(shot.getWidth(), shot.getHeight(), pixels)));
        assertEquals(url, new com.google.zxing.qrcode.QRCodeReader().decode(bitmap).getText());

        assertTrue(driver.findElement(By.id("lesson-panel")).getText().contains("What do you think the weight w is?"),
                "the read-only page shows the lesson's text");
        // disabled buttons look disabled: faded, greyed and with a not-allowed cursor
        WebElement disabled = driver.findElement(By.cssSelector("#shared-copy #controls button[value=whole]"));
        assertFalse(disabled.isEnabled());
        assertEquals("0.5", disabled.getCssValue("opacity"));
        assertEquals("not-allowed", disabled.getCssValue("cursor"));
        WebElement live = driver.findElement(By.cssSelector("#fork-form button"));
        assertEquals("1", live.getCssValue("opacity"), "Make it mine stays live");
        Browser.screenshot(driver, "shared-copy-with-qr");
    }

    private void wholeStep(String expectedCount) {
        driver.findElement(By.cssSelector("#controls button[value=whole]")).click();
        wait(ExpectedConditions.textToBe(By.id("step-count"), expectedCount));
    }

    private <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(10)).until(condition);
    }
}

package netstep.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import static org.junit.jupiter.api.Assertions.*;

/** Play / pause in Chromium, and Train N steps without JavaScript. */
class PlayBrowserTest extends BrowserTest {

    private int steps() {
        // read in one script: htmx replaces the counter with every step
        return Integer.parseInt(String.valueOf(js("return document.getElementById('step-count').textContent;")).strip());
    }

    @Test
    void playRunsStepsUntilPausedThenTheCounterStays() throws Exception {
        driver = Browser.start(true, 1366, 768);
        driver.get(base + "/");
        js("window.__noReload = 'yes';");
        assertTrue(driver.findElement(By.id("play-button")).isDisplayed(), "Play shows with JavaScript");
        new Select(driver.findElement(By.id("play-unit"))).selectByValue("whole");
        new Select(driver.findElement(By.id("play-speed"))).selectByValue("100");
        int start = steps();
        click(By.id("play-button"));
        assertEquals("true", driver.findElement(By.id("play-button")).getAttribute("aria-pressed"));
        try {
            waiting().until(d -> steps() >= start + 4);
        } catch (RuntimeException notMoving) {
            Browser.screenshot(driver, "play-not-moving");
            throw notMoving;
        }
        Browser.screenshot(driver, "play-running-1366");
        // the page answers while it plays: the loss scale switches between two steps
        assertTrue(driver.findElement(By.id("workspace")).isDisplayed());
        click(By.id("play-button"));
        assertEquals("false", driver.findElement(By.id("play-button")).getAttribute("aria-pressed"));
        Thread.sleep(400); // a click already on its way may still land
        int paused = steps();
        assertTrue(paused >= start + 4, "advanced while playing: " + start + " → " + paused);
        Thread.sleep(1500);
        assertEquals(paused, steps(), "paused: the counter stays");
        assertEquals("yes", js("return window.__noReload;"), "no page reload");

        // phase by phase: the phase name moves on, one phase a click
        new Select(driver.findElement(By.id("play-unit"))).selectByValue("next");
        click(By.id("play-button"));
        waiting().until(d -> steps() >= paused + 1);
        click(By.id("play-button"));
        Thread.sleep(400);
        String phase = text("phase-name");
        int now = steps();
        Thread.sleep(1200);
        assertEquals(phase, text("phase-name"));
        assertEquals(now, steps());
        Browser.screenshot(driver, "play-paused-1366");
    }

    @Test
    void withoutJavaScriptTrainNStepsTakesThemInOnePost() {
        driver = Browser.start(false, 1366, 768);
        driver.get(base + "/");
        assertFalse(driver.findElement(By.id("play-button")).isDisplayed(), "no Play without JavaScript");
        int start = steps();
        setField("train-steps", "25");
        click(By.cssSelector("#play-form button[value=steps]"));
        waiting().until(d -> steps() == start + 25);
        Browser.screenshot(driver, "train-25-steps-no-js");
    }
}

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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** A student's first minutes, in a real browser: with htmx, and again with JavaScript switched off. */
class StepperBrowserTest extends BrowserTest {

    @Test
    void configureThreeFourTwoAndStepThroughEveryPhaseWithHtmx() {
        driver = Browser.start(true, 1280, 1600);
        driver.get(base + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        // a marker that survives only if the page is never reloaded: htmx swaps fragments
        js("window.__noReload = 'yes';");

        // start from something else, then type 3-4-2 and watch the count update without a reload
        setField("inputs", "2");
        setField("hidden", "2");
        setField("outputs", "1");
        select("dataset", "xor");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("param-total"), "9"));
        click(By.cssSelector("#config-form button[type=submit]"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("network-param-total"), "9"));

        setField("inputs", "3");
        setField("hidden", "4");
        setField("outputs", "2");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("param-total"), "26"));
        assertEquals("(3×4) + (4×2) = 20 weights, 4 + 2 = 6 biases, 26 parameters", text("param-formula"));
        select("dataset", "regression-3-2");
        click(By.cssSelector("#config-form button[type=submit]"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("network-param-total"), "26"));
        Browser.screenshot(driver, "htmx-0-configured-3-4-2");

        String w11 = weight("w1-1-1");
        String[][] phases = {{"pick", "Pick sample"}, {"forward", "Forward pass"}, {"loss", "Loss"},
                {"backward", "Backpropagation"}, {"update", "Update"}};
        int shot = 1;
        for (String[] phase : phases) {
            click(By.cssSelector("#controls button[value=" + phase[0] + "]"));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("phase-name"), phase[1]));
            assertTrue(driver.findElement(By.id("phase-" + phase[0])).isDisplayed(), phase[0] + " panel shown");
            if (!phase[0].equals("update")) {
                assertEquals(w11, weight("w1-1-1"), "weights unchanged before the update phase");
            }
            Browser.screenshot(driver, "htmx-" + shot++ + "-" + phase[0]);
        }
        assertNotEquals(w11, weight("w1-1-1"), "the update changed W₁[1,1]");
        assertEquals("1", text("step-count"));
        assertTrue(driver.findElement(By.id("upd-w1-1-1")).getAttribute("class").contains("changed"));
        // each click appended its phase to the trace; the earlier ones folded away as done
        assertEquals(5, driver.findElements(By.cssSelector("#trace > details.phase")).size());
        assertEquals("phase-update", driver.findElement(By.cssSelector("#trace > details.phase.current[open]")).getAttribute("id"));
        assertEquals(4, driver.findElements(By.cssSelector("#trace > details.phase.done:not([open])")).size());
        assertEquals("yes", js("return window.__noReload;"), "htmx swapped fragments; the page never reloaded");

        // keyboard: N moves to the next phase, S finishes the step
        new Actions(driver).sendKeys("n").perform();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("phase-name"), "Pick sample"));
        new Actions(driver).sendKeys("s").perform();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("step-count"), "2"));
    }

    @Test
    void theSameFlowWorksWithJavaScriptDisabled() {
        driver = Browser.start(false, 1280, 1600);
        driver.get(base + "/");
        assertNull(js("return window.htmx === undefined ? null : 'loaded';"), "JavaScript is off");

        setField("inputs", "3");
        setField("hidden", "4");
        setField("outputs", "2");
        submitAndWaitForNewPage(By.cssSelector("#config-form button[type=submit]"));
        assertEquals("26", text("network-param-total"));
        assertEquals("(3×4) + (4×2) = 20 weights, 4 + 2 = 6 biases, 26 parameters", text("param-formula"));

        String w11 = weight("w1-1-1");
        for (String phase : new String[] {"pick", "forward", "loss", "backward", "update"}) {
            submitAndWaitForNewPage(By.cssSelector("#controls button[value=" + phase + "]"));
            assertEquals(phase, driver.findElement(By.cssSelector("details.phase.current")).getAttribute("id")
                    .substring("phase-".length()));
            Browser.screenshot(driver, "nojs-" + phase);
        }
        assertNotEquals(w11, weight("w1-1-1"));
        assertEquals("1", text("step-count"));

        // a bad value is reported beside its field and the network stays as it was
        String after = weight("w1-1-1");
        driver.findElement(By.cssSelector("#config summary")).click(); // the form folds away once stepping began
        setField("hidden", "0");
        submitAndWaitForNewPage(By.cssSelector("#config-form button[type=submit]"));
        assertTrue(text("hidden-error").contains("1 to 64"), text("hidden-error"));
        assertEquals(after, weight("w1-1-1"));
        assertEquals("1", text("step-count"));
    }

    @Test
    void readableOnAPhone() {
        driver = Browser.start(true, 390, 844);
        driver.get(base + "/");
        click(By.cssSelector("#controls button[value=whole]"));
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("step-count"), "1"));
        Browser.screenshot(driver, "phone-after-step");
        Object overflowing = js("const out = []; const w = document.documentElement.clientWidth;"
                + "for (const e of document.querySelectorAll('body *')) {"
                + "  let p = e.parentElement, clipped = false;"
                + "  while (p) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll' || o === 'hidden') { clipped = true; break; } p = p.parentElement; }"
                + "  if (!clipped && e.getBoundingClientRect().right > w + 1) out.push(e.tagName + '#' + e.id + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right));"
                + "} return out.slice(0, 8).join(' | ');");
        assertEquals(390L, js("return window.innerWidth;"), "a phone-sized viewport; too wide: " + overflowing);
        Number pageWidth = (Number) js("return document.documentElement.scrollWidth;");
        assertTrue(pageWidth.intValue() <= 390, "no sideways scrolling of the whole page on a phone: " + pageWidth);
    }

    /** Without JavaScript a form post loads a new page; wait until the old one is gone. */
    private void submitAndWaitForNewPage(By by) {
        WebElement oldPage = driver.findElement(By.tagName("html"));
        click(by);
        // while Chromium swaps documents, asking about the old one may fail with "stale" or with an inspector
        // error ("does not belong to the document"): either means the old page is gone
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
            try {
                oldPage.isEnabled();
                return false;
            } catch (org.openqa.selenium.WebDriverException gone) {
                return true;
            }
        });
        new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> "complete".equals(js("return document.readyState;")));
    }



    private void select(String id, String value) {
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id(id))).selectByValue(value);
    }




    /** The exact value of a weight cell: its title where the text rounds it, else its text. */
    private String weight(String id) {
        // a step's answer leaves the weights to load once in view: look at them as a student scrolls to them
        Object at = js("const y = window.scrollY; document.getElementById('weights').scrollIntoView(); return y;");
        WebElement cell = new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.presenceOfElementLocated(By.id(id)));
        js("window.scrollTo(0, arguments[0]);", at);
        String title = cell.getAttribute("title");
        return title == null || title.isEmpty() ? cell.getText() : title;
    }
}

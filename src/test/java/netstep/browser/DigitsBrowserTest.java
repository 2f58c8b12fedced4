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
        WebDriverWait wait = openLesson("09-linear-classifier-digits");

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

        // the outputs named by class (the digits 0–9), not y[1]…y[10]
        String scores = text("class-scores");
        assertTrue(scores.contains("0 y[1]") && scores.contains("9 y[10]"), scores);
        assertTrue(text("predicted-class").matches("[0-9]") && text("true-class").matches("[0-9]"));
        assertEquals("0", driver.findElement(By.cssSelector("#templates figcaption")).getText().strip());
        // the diagram draws the input as one image glyph and names the outputs
        assertEquals(1, driver.findElements(By.cssSelector("#diagram-svg .input-glyph")).size());
        assertEquals(10, driver.findElements(By.cssSelector("#diagram-svg .class-name")).size());
        // accuracy and the confusion matrix next to the loss curve: to its right, or right below it in its column
        var loss = driver.findElement(By.id("loss-chart")).getRect();
        var computes = driver.findElement(By.id("computes")).getRect();
        boolean right = computes.getX() >= loss.getX() + loss.getWidth() - 1 && Math.abs(computes.getY() - loss.getY()) < 40;
        boolean below = Math.abs(computes.getX() - loss.getX()) < 2 && computes.getY() >= loss.getY() + loss.getHeight() - 1
                && computes.getY() - (loss.getY() + loss.getHeight()) < 40;
        assertTrue(right || below, "loss at " + loss.getPoint() + " " + loss.getDimension() + ", computes at "
                + computes.getPoint() + " " + computes.getDimension());
        assertTrue(text("train-accuracy").endsWith("%") && text("test-accuracy").endsWith("%"));
        assertTrue(driver.findElement(By.id("confusion-test")).isDisplayed());
        show("loss-chart");
        Browser.screenshot(driver, "digits-accuracy-beside-loss");
    }

    @Test
    void a64_32_10NetworkIsReadableAtALaptopsSize() {
        WebDriverWait wait = openLesson("09-linear-classifier-digits");
        js("document.getElementById('config').open = true;");
        setField("hidden", "32");
        click(By.cssSelector("#config-form button[type=submit]"));
        new WebDriverWait(driver, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class).until(ExpectedConditions.textToBePresentInElementLocated(By.id("diagram-svg"), "layer 1: 32"));
        click(By.cssSelector("#controls button[value=pick]"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("pick-image")));
        click(By.cssSelector("#controls button[value=forward]"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("class-scores")));
        // the diagram's top just below the sticky step controls
        // the workbench: the step controls, the diagram and the phase's working on one screen
        js("document.getElementById('diagram-svg').scrollIntoView({block: 'center'});");
        assertEquals(32, driver.findElements(By.cssSelector("#diagram-svg .square")).size());
        // the whole diagram fits the window, and its smallest labels are drawn at 9 px or more
        var svg = driver.findElement(By.id("diagram-svg")).getRect();
        assertTrue(svg.getHeight() <= 768 && svg.getWidth() <= 1366, "diagram " + svg);
        double viewBoxWidth = ((Number) js("return document.getElementById('diagram-svg').viewBox.baseVal.width"))
                .doubleValue();
        double scale = svg.getWidth() / viewBoxWidth;
        for (String label : new String[] {".column-label", ".class-name", ".band-label.small"}) {
            double px = Double.parseDouble(((String) js("return getComputedStyle(document.querySelector("
                    + "'#diagram-svg " + label + "')).fontSize")).replace("px", "")) * scale;
            assertTrue(px >= 9, label + " drawn at " + px + " px");
        }
        assertTrue(((Number) js("return document.documentElement.scrollWidth")).intValue() <= 1366,
                "nothing overflows the page sideways");
        String box = (String) js("const r = document.getElementById('diagram-svg').getBoundingClientRect();"
                + " return r.top + ' ' + r.bottom + ' ' + window.innerHeight;");
        String[] tb = box.split(" ");
        assertTrue(Double.parseDouble(tb[0]) >= 0 && Double.parseDouble(tb[1]) <= Double.parseDouble(tb[2]),
                "the whole diagram on screen (top, bottom, window): " + box);
        Browser.screenshot(driver, "digits-64-32-10-diagram");
    }

    @Test
    void theLocallyConnectedLessonShowsEachNeuronsReceptiveField() {
        WebDriverWait wait = openLesson("13-fully-vs-locally-connected");
        click(By.cssSelector("#variant-form button[value='1']"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#diagram-svg .receptive-field")));
        assertTrue(text("param-count").contains("locally connected 36 neurons × 3×3 = 324 weights"), text("param-count"));
        click(By.cssSelector("#controls button[value=forward]"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("templates")));
        // the workbench: the step controls, the diagram and the phase's working on one screen
        js("document.getElementById('diagram-svg').scrollIntoView({block: 'center'});");
        Browser.screenshot(driver, "digits-locally-connected-diagram");
        assertEquals(36, driver.findElements(By.cssSelector("#templates svg.template")).size());
        show("templates");
        Browser.screenshot(driver, "digits-locally-connected-templates");
    }

    /** Scrolls the element to the middle of the window, clear of the sticky step controls. */
    private void show(String id) {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "document.getElementById(arguments[0]).scrollIntoView({block: 'center'})", id);
    }

    /** A laptop's 1366×768 window on the page with {@code lesson} opened; the wait to use after it. */
    private WebDriverWait openLesson(String lesson) {
        driver = Browser.start(true, 1366, 768);
        driver.get(base + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class);
        new Select(driver.findElement(By.id("lesson"))).selectByValue(lesson);
        click(By.cssSelector("#lesson-form button"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lesson-panel")));
        return wait;
    }
}

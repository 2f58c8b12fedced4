package netstep.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Issue 12's numbers in a real browser: the format the student picks reaches the diagram and the trace alike, every
 * label stays inside its circle or pill (measured with getBBox), matrices have brackets, and y = wx takes a guess of w.
 */
class NumbersBrowserTest extends BrowserTest {
    @Test
    void theChosenFormatFitsTheShapesAndMatchesTheTrace() {
        driver = Browser.start(true, 1366, 768);
        driver.get(base + "/");
        setField("inputs", "3");
        setField("hidden", "4");
        setField("outputs", "2");
        new Select(driver.findElement(By.id("dataset"))).selectByValue("regression-3-2");
        click(By.cssSelector("#config-form button[type=submit]"));
        waiting().until(ExpectedConditions.attributeContains(By.id("step-count"), "textContent", "0"));
        driver.findElement(By.cssSelector("#controls button[value=forward]")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#phase-forward.current")));
        for (String digits : List.of("6", "2", "4")) {
            String before = text("fwd-f1-1");
            new Select(driver.findElement(By.id("digits-select"))).selectByValue(digits);
            // htmx posts the choice on change; the answer redraws the workspace (6 → 2 → 4 digits: each differs)
            waiting().until(d -> !d.findElement(By.id("fwd-f1-1")).getText().strip().equals(before));
            waiting().until(d -> digits.equals(new Select(d.findElement(By.id("digits-select")))
                    .getFirstSelectedOption().getAttribute("value")));
            js("window.scrollTo(0, 0);");
            Browser.screenshot(driver, "numbers-1366-forward-" + digits + "-digits");
            String inDiagram = (String) js("return document.querySelector('#diagram-svg a[href=\"#b1-1\"] .neuron-value')"
                    + ".textContent;");
            assertEquals(text("fwd-f1-1"), inDiagram, digits + " digits: the diagram and the trace show f₁[1] alike");
            assertLabelsInsideShapes(digits);
        }
        // matrices in brackets: the ticks are drawn at the four corners of each table
        String background = (String) js("return getComputedStyle(document.querySelector('#trace table.matrix'))"
                + ".backgroundImage;");
        assertEquals(4, background.split("linear-gradient").length - 1, background);
        js("document.querySelector('#phase-forward table.matrix').scrollIntoView({block: 'center'});");
        Browser.screenshot(driver, "numbers-1366-brackets");
    }

    @SuppressWarnings("unchecked")
    private void assertLabelsInsideShapes(String digits) {
        List<Map<String, Object>> labels = (List<Map<String, Object>>) js(
                "return [...document.querySelectorAll('#diagram-svg a.neuron')].filter(a => a.querySelector('.neuron-value'))"
                        + ".map(a => { const t = a.querySelector('.neuron-value'); const c = a.querySelector('circle');"
                        + " const p = a.querySelector('rect.pill');"
                        + " return {text: t.textContent, width: t.getBBox().width,"
                        + " shape: c ? 2 * c.r.baseVal.value : p.width.baseVal.value}; });");
        assertFalse(labels.isEmpty(), "the forward pass labels the neurons");
        for (Map<String, Object> l : labels) {
            double width = ((Number) l.get("width")).doubleValue();
            double shape = ((Number) l.get("shape")).doubleValue();
            assertTrue(width <= shape, digits + " digits: \"" + l.get("text") + "\" is " + width + " wide in a shape of " + shape);
        }
    }

    @Test
    void yEqualsWxTakesTheGuessOfWBesideTheDiagram() {
        driver = Browser.start(true, 1366, 768);
        driver.get(base + "/");
        new Select(driver.findElement(By.id("lesson"))).selectByValue("01-perceptron-y-equals-wx");
        click(By.cssSelector("#lesson-form button"));
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("w-guess")));
        assertEquals("w = 1", driver.findElement(By.id("edge-w")).getText());
        driver.findElement(By.id("w-guess")).sendKeys("2.5");
        click(By.cssSelector("#w-guess-form button"));
        waiting().until(d -> d.findElement(By.id("edge-w")).getText().equals("w = 2.5"));
        js("document.getElementById('diagram').scrollIntoView({block: 'center'});");
        Browser.screenshot(driver, "numbers-y-equals-wx-guess");
        Map<?, ?> field = (Map<?, ?>) js("const f = document.getElementById('w-guess').getBoundingClientRect();"
                + "const c = document.getElementById('diagram-caption').getBoundingClientRect();"
                + "const s = document.getElementById('diagram-svg').getBoundingClientRect();"
                + "return {field: f.top, caption: c.bottom, drawing: s.top};");
        double top = ((Number) field.get("field")).doubleValue();
        assertTrue(top >= ((Number) field.get("caption")).doubleValue() - 1
                && top <= ((Number) field.get("drawing")).doubleValue(), "between the caption and the drawing: " + field);
    }
}

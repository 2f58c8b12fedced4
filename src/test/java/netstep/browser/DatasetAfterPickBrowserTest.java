package netstep.browser;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 12's bug: the dataset table and the dataset menu shared an id, so the first "Pick sample" swapped the
 * table into the form in place of the menu, and "Build network" then refused the form until a reload.
 */
class DatasetAfterPickBrowserTest extends BrowserTest {

    @Test
    void afterPickingASampleAnotherDatasetIsBuilt() {
        driver = Browser.start(true, 1366, 2000);
        driver.get(base + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.ignoring(StaleElementReferenceException.class);
        click(By.cssSelector("#controls button[value=pick]"));
        wait.until(ExpectedConditions.attributeContains(By.id("diagram-svg"), "class", "phase-pick"));
        assertEquals("select", driver.findElement(By.id("dataset")).getTagName(), "the menu is still the menu");

        click(By.cssSelector("#config > summary")); // stepping folded the form into its summary: "edit" opens it
        setField("inputs", "2");
        setField("hidden", "2");
        setField("outputs", "1");
        new Select(driver.findElement(By.id("dataset"))).selectByValue("xor");
        click(By.cssSelector("#config-form button[type=submit]"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("network-param-total"), "9"));
        assertEquals("xor", new Select(driver.findElement(By.id("dataset"))).getFirstSelectedOption()
                .getAttribute("value"));
        assertEquals(0, driver.findElements(By.cssSelector("#config-form .error")).size(), "no form error");
    }
}

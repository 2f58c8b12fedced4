package netstep.browser;

import netstep.json.LessonParser;

import io.javalin.Javalin;
import netstep.classroom.Classroom;
import netstep.classroom.MemoryClassRepository;
import netstep.experiment.TrainingPool;
import netstep.lesson.LessonLibrary;
import netstep.store.SessionStore;
import netstep.web.App;
import netstep.web.Connections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An instructor and three students, each in their own Chromium: open a class, join by code, send a lesson,
 * answer a question differently, the histogram on the dashboard, reveal to everyone, export the CSV.
 */
class ClassBrowserTest {
    private static final String PASSWORD = "a long phrase only the instructor knows";
    private static final String LESSON = "01-perceptron-y-equals-wx";
    private Javalin app;
    private final List<WebDriver> drivers = new ArrayList<>();
    private String base;

    @BeforeEach
    void start() {
        Browser.assumeAvailable();
        app = App.create(new SessionStore(), LessonParser.library(null), new TrainingPool(1, 4), null, Connections.DEFAULTS,
                new Classroom(new MemoryClassRepository(), PASSWORD, Clock.systemUTC())).start(0);
        base = "http://localhost:" + app.port();
    }

    @AfterEach
    void stop() {
        drivers.forEach(WebDriver::quit);
        if (app != null) app.stop();
    }

    private WebDriver browser() {
        WebDriver d = Browser.start(true, 1100, 900);
        drivers.add(d);
        return d;
    }

    private static void waitFor(WebDriver d, org.openqa.selenium.support.ui.ExpectedCondition<?> condition) {
        new WebDriverWait(d, Duration.ofSeconds(20)).until(condition);
    }

    @Test
    void anInstructorAndThreeStudents() {
        WebDriver teacher = browser();
        teacher.get(base + "/teach");
        teacher.findElement(By.id("teach-password")).sendKeys(PASSWORD);
        teacher.findElement(By.id("teach-sign-in")).click();
        waitFor(teacher, ExpectedConditions.presenceOfElementLocated(By.id("open-class")));
        teacher.findElement(By.id("open-class")).click();
        waitFor(teacher, ExpectedConditions.presenceOfElementLocated(By.id("join-code-big")));
        String code = teacher.findElement(By.id("join-code-big")).getText().strip();
        assertEquals(6, code.length());
        Browser.screenshot(teacher, "class-projector");

        String[] names = {"Ada", "Bob", "Cy"};
        List<WebDriver> students = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            WebDriver s = browser();
            s.get(base + "/join");
            s.findElement(By.id("join-code")).sendKeys(code.toLowerCase());
            s.findElement(By.id("join-name")).sendKeys(names[i]);
            if (i == 0) s.findElement(By.id("join-follow")).click();
            s.findElement(By.id("join-submit")).click();
            waitFor(s, ExpectedConditions.textToBePresentInElementLocated(By.id("class-status"), code));
            students.add(s);
        }

        new Select(teacher.findElement(By.id("send-lesson"))).selectByValue(LESSON);
        teacher.findElement(By.id("send-submit")).click();
        // Ada follows by herself; Bob and Cy are offered the lesson
        waitFor(students.get(0), ExpectedConditions.presenceOfElementLocated(By.id("quiz")));
        for (WebDriver s : students.subList(1, 3)) {
            waitFor(s, ExpectedConditions.elementToBeClickable(By.id("open-sent-lesson")));
            s.findElement(By.id("open-sent-lesson")).click();
            waitFor(s, ExpectedConditions.presenceOfElementLocated(By.id("quiz")));
        }

        String[] answers = {"1", "2", "3.5"};
        for (int i = 0; i < 3; i++) {
            WebDriver s = students.get(i);
            for (int click = 0; click < 2; click++) {
                waitFor(s, ExpectedConditions.elementToBeClickable(By.cssSelector("#controls button[value=next]")));
                s.findElement(By.cssSelector("#controls button[value=next]")).click();
                if (click == 0) waitFor(s, ExpectedConditions.textToBe(By.id("phase-name"), "Pick sample"));
            }
            waitFor(s, ExpectedConditions.elementToBeClickable(By.id("quiz-answer")));
            s.findElement(By.id("quiz-answer")).sendKeys(answers[i]);
            s.findElement(By.id("quiz-submit")).click();
            waitFor(s, ExpectedConditions.presenceOfElementLocated(By.id("quiz-result-1")));
            waitFor(s, ExpectedConditions.presenceOfElementLocated(By.id("phase-forward")));
        }

        waitFor(teacher, ExpectedConditions.textToBePresentInElementLocated(By.id("question-1"), "3 of 3 answered"));
        assertTrue(teacher.findElement(By.id("distribution-1")).getText().contains("3.5"));
        Browser.screenshot(teacher, "class-dashboard");

        // to the sign question before backpropagation, then the instructor reveals it for everyone
        WebDriver ada = students.get(0);
        ada.findElement(By.cssSelector("#controls button[value=next]")).click();
        waitFor(ada, ExpectedConditions.textToBe(By.id("phase-name"), "Loss"));
        ada.findElement(By.cssSelector("#controls button[value=next]")).click();
        waitFor(ada, ExpectedConditions.presenceOfElementLocated(By.cssSelector("#quiz-form input[type=radio]")));
        teacher.findElement(By.id("reveal-2")).click();
        waitFor(ada, ExpectedConditions.presenceOfElementLocated(By.id("phase-backward")));
        waitFor(ada, ExpectedConditions.textToBePresentInElementLocated(By.id("quiz-result-2"),
                "not answered (revealed by your instructor)"));
        assertTrue(ada.findElement(By.id("quiz-score")).getText().endsWith("of 1"), "the reveal is not her skip");

        Object csv = ((JavascriptExecutor) teacher).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/teach/class/" + code + "/answers.csv').then(r => r.text()).then(done);");
        String text = String.valueOf(csv);
        for (String name : names) assertTrue(text.contains("," + name + ","), text);
        assertTrue(text.contains(",3.5,"), text);
    }
}

package netstep.web;

import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The full page of a 2-8-8-1 network on 200 samples stays under 150 KB in every phase, even after an epoch. */
class PageBudgetTest {
    static final int BUDGET = 150 * 1024;

    /** 2-8-8-1 tanh/sigmoid on the 200 points of the circle: the network the page-weight targets are set for. */
    static Map<String, String> circle2881() {
        return Map.ofEntries(Map.entry("inputs", "2"), Map.entry("hidden", "8,8"),
                Map.entry("outputs", "1"), Map.entry("hiddenActivation", "tanh"),
                Map.entry("outputActivation", "sigmoid"), Map.entry("slope", "0.02"), Map.entry("loss", "l2"),
                Map.entry("learningRate", "0.3"), Map.entry("seed", "1"), Map.entry("dataset", "circle"),
                Map.entry("order", "shuffled"));
    }

    @Test
    void everyPhaseOfA2881NetworkOn200SamplesFitsTheBudget() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            assertEquals(303, browser.postForm("/configure", circle2881()).statusCode());
            assertEquals(303, browser.postForm("/step", Map.of("action", "epoch")).statusCode());
            for (String phase : new String[] {"pick", "forward", "loss", "backward", "update"}) {
                HttpResponse<String> fragment = browser.postForm("/step", Map.of("action", phase), true);
                String page = browser.get("/").body();
                int pageBytes = page.getBytes(StandardCharsets.UTF_8).length;
                int fragmentBytes = fragment.body().getBytes(StandardCharsets.UTF_8).length;
                assertTrue(pageBytes < BUDGET, phase + ": the page is " + pageBytes + " bytes");
                assertTrue(fragmentBytes < pageBytes, phase + ": the swap sends less than the page");
                if (!phase.equals("update")) {
                    assertTrue(fragmentBytes < pageBytes * 2 / 3, phase + ": only what changed, " + fragmentBytes
                            + " of " + pageBytes + " bytes");
                }
            }
        });
    }
}

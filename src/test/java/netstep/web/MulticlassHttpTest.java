package netstep.web;

import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static netstep.web.WebClient.hasId;
import static netstep.web.WebClient.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stepper on the digits with softmax and cross-entropy, and the form's rules for the multi-class outputs. */
class MulticlassHttpTest {

    /** The lecture's linear classifier: 64 pixels → 10 class scores, softmax, cross-entropy. */
    static Map<String, String> digitsForm() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("inputs", "64");
        form.put("hidden", "");
        form.put("outputs", "10");
        form.put("hiddenActivation", "relu");
        form.put("outputActivation", "softmax");
        form.put("slope", "0.02");
        form.put("loss", "cross_entropy");
        form.put("learningRate", "0.1");
        form.put("seed", "1");
        form.put("dataset", "digits");
        form.put("order", "shuffled");
        return form;
    }

    @Test
    void everyPhaseOfADigitsStepRenders() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            HttpResponse<String> configured = browser.postForm("/configure", digitsForm());
            assertEquals(303, configured.statusCode(), configured.body());
            String html = browser.get("/").body();
            assertEquals("(64×10) = 640 weights, 10 = 10 biases, 650 parameters", text(html, "param-formula"));
            assertTrue(html.contains("data-inputs=\"64\""), "the dataset options carry their widths");
            for (String action : new String[] {"pick", "forward", "loss", "backward", "update"}) {
                HttpResponse<String> r = browser.postForm("/step", Map.of("action", action), true);
                assertEquals(200, r.statusCode(), action + ": " + r.body());
            }
            html = browser.get("/").body();
            assertTrue(hasId(html, "bwd-jac1-1-1") && hasId(html, "bwd-jac1-10-10"), "the softmax Jacobian is shown");
            assertTrue(html.contains("simply ŷ − y"), "the page says softmax with cross-entropy gives ŷ − y");
            // the input as an image, the 10 class scores, and one template per class
            assertTrue(hasId(html, "pick-image"), "the input image at Pick");
            assertTrue(hasId(html, "class-scores") && html.contains("ŷ = softmax(a)"), "the class scores");
            assertTrue(hasId(html, "template-10") && !hasId(html, "template-11"), "ten templates");
            // outputs by class name: the digits 0–9, not y[1]…y[10]
            assertTrue(text(html, "class-scores").contains("9 y[10]"), text(html, "class-scores"));
            assertTrue(text(html, "predicted-class").matches("[0-9]"), text(html, "predicted-class"));
            assertTrue(text(html, "true-class").matches("[0-9]"), text(html, "true-class"));
            assertTrue(html.contains("<figcaption>0</figcaption>") && html.contains("<figcaption>9</figcaption>"),
                    "each template captioned by its digit");
            assertTrue(text(html, "confusion-test").startsWith("true ↓ / predicted →01234567890"),
                    text(html, "confusion-test"));
            assertTrue(hasId(html, "gradient-10") && hasId(html, "delta-10"), "∂L/∂W and ΔW rows as images");
            assertEquals("1", text(html, "step-count"));
            // accuracy and confusion beside the loss curve, not a scatter of 14,380 dots (2 MB of page)
            assertTrue(hasId(html, "train-accuracy") && hasId(html, "test-accuracy") && hasId(html, "confusion-test"));
            assertTrue(html.length() < 400_000, "page of " + html.length() + " characters");
        });
    }

    @Test
    void theFormRefusesWhatTheOutputsCannotDo() {
        String[][] cases = {
                // field to change, its value, the field whose error explains, words of the message
                {"hidden", "16", "hiddenActivation", "output layer only", "hiddenActivation", "softmax"},
                {"outputActivation", "sigmoid", "loss", "needs softmax", null, null},
                {"loss", "multiclass_hinge", null, null, "dataset", "xor"},
        };
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            StringBuilder failures = new StringBuilder();
            for (String[] c : cases) {
                Map<String, String> form = digitsForm();
                form.put(c[0], c[1]);
                if (c[4] != null) form.put(c[4], c[5]);
                String errorField = c[2];
                String words = c[3];
                if (c[5] != null && c[5].equals("xor")) {
                    form.put("inputs", "2");
                    form.put("outputs", "1");
                    form.put("outputActivation", "identity");
                    errorField = "loss";
                    words = "one-hot";
                }
                HttpResponse<String> r = browser.postForm("/configure", form);
                if (r.statusCode() != 400) {
                    failures.append(c[0]).append('=').append(c[1]).append(": status ").append(r.statusCode()).append('\n');
                } else if (!hasId(r.body(), errorField + "-error") || !text(r.body(), errorField + "-error").contains(words)) {
                    failures.append(c[0]).append('=').append(c[1]).append(": no '").append(words).append("' in #")
                            .append(errorField).append("-error\n");
                }
            }
            assertTrue(failures.isEmpty(), failures.toString());
        });
    }
}

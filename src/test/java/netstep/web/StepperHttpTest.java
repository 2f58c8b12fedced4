package netstep.web;

import io.javalin.testtools.JavalinTest;
import netstep.data.Dataset;
import netstep.data.Datasets;
import netstep.engine.Activation;
import netstep.engine.Loss;
import netstep.engine.Network;
import netstep.engine.Sgd;
import netstep.engine.StepTrace;
import netstep.engine.Vec;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static netstep.web.WebClient.attribute;
import static netstep.web.WebClient.exact;
import static netstep.web.WebClient.hasId;
import static netstep.web.WebClient.text;
import static org.junit.jupiter.api.Assertions.*;

/** The stepper page over HTTP, as a browser without JavaScript and as htmx talk to it. */
class StepperHttpTest {
    private static final List<Integer> SIZES = List.of(2, 2, 1);
    private static final long SEED = 3;

    /** A 2-2-1 sigmoid network on XOR, L2, η = 0.5, seed 3, samples in order. */
    private static Map<String, String> xorForm() {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("inputs", "2");
        form.put("hidden", "2");
        form.put("outputs", "1");
        form.put("hiddenActivation", "sigmoid");
        form.put("outputActivation", "sigmoid");
        form.put("slope", "0.02");
        form.put("loss", "l2");
        form.put("learningRate", "0.5");
        form.put("seed", String.valueOf(SEED));
        form.put("dataset", "xor");
        form.put("order", "sequential");
        return form;
    }

    private static Map<String, String> xorForm(String field, String value) {
        Map<String, String> form = xorForm();
        form.put(field, value);
        return form;
    }

    private static Network seededXorNetwork() {
        return Network.initialise(SIZES, Activation.SIGMOID, Activation.SIGMOID, SEED);
    }

    @Test
    void firstVisitGivesTheDefault342PageAndASessionCookie() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            HttpResponse<String> page = browser.get("/");
            assertEquals(200, page.statusCode());
            assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                    page.headers().toString());
            assertTrue(page.body().contains("<meta charset=\"UTF-8\">"));
            assertTrue(page.headers().allValues("Vary").stream().anyMatch(v -> v.contains("HX-Request")),
                    "the page differs for htmx requests, so caches must know: " + page.headers());

            List<String> cookies = page.headers().allValues("Set-Cookie");
            String session = cookies.stream().filter(c -> c.startsWith(Sessions.COOKIE + "=")).findFirst()
                    .orElseThrow(() -> new AssertionError("no session cookie: " + cookies));
            assertTrue(session.contains("HttpOnly"), session);
            assertTrue(session.contains("SameSite=Lax"), session);
            assertTrue(session.length() > (Sessions.COOKIE + "=").length() + 16, "an unguessable id: " + session);

            String html = page.body();
            assertEquals("(3×4) + (4×2) = 20 weights, 4 + 2 = 6 biases, 26 parameters", text(html, "param-formula"));
            assertEquals("26", text(html, "param-total"));
            assertTrue(hasId(html, "config-form"));
            assertEquals("0", text(html, "step-count"));
            assertEquals("0", text(html, "epoch-count"));
            assertEquals("Ready", text(html, "phase-name"));

            // the cookie is set once; the next request is recognised
            HttpResponse<String> again = browser.get("/");
            assertTrue(again.headers().allValues("Set-Cookie").isEmpty(), again.headers().toString());
        });
    }

    @Test
    void configureThenEveryPhaseWithoutJavaScriptMatchesTheEngine() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            assertSeeOther(browser.postForm("/configure", xorForm()));
            String html = browser.get("/").body();
            assertEquals("(2×2) + (2×1) = 6 weights, 2 + 1 = 3 biases, 9 parameters", text(html, "param-formula"));
            assertEquals("9", text(html, "network-param-total"));

            Network before = seededXorNetwork();
            assertArrayEquals(parameters(before), pageParameters(html), "fresh from seed 3");
            assertEquals("Ready", text(html, "phase-name"));

            // sequential order: sample #1 of XOR, x = (0, 0), y = 0, comes first
            Dataset xor = Datasets.byId("xor").orElseThrow();
            assertArrayEquals(new double[] {0, 0}, xor.x(0));
            Sgd sgd = new Sgd(Loss.L2, 0.5);
            StepTrace expected = sgd.step(before, Vec.of(0, 0), Vec.of(0));

            String[][] phases = {
                    {"pick", "Pick sample"}, {"forward", "Forward pass"}, {"loss", "Loss"},
                    {"backward", "Backpropagation"}, {"update", "Update"}};
            for (int p = 0; p < phases.length; p++) {
                String action = phases[p][0];
                assertSeeOther(browser.postForm("/step", Map.of("action", action)));
                html = browser.get("/").body();
                assertEquals(phases[p][1], text(html, "phase-name"), action);
                // this phase's panel and those before it are shown; later ones are not
                for (int q = 0; q < phases.length; q++) {
                    assertEquals(q <= p, hasId(html, "phase-" + phases[q][0]), "#phase-" + phases[q][0] + " at " + action);
                }
                assertTrue(attribute(html, "sample-1", "class").contains("current-sample"), action);
                if (!action.equals("update")) {
                    assertArrayEquals(parameters(before), pageParameters(html), "weights unchanged at " + action);
                    assertEquals("0", text(html, "step-count"), action);
                }
                if (action.equals("loss")) {
                    assertEquals(expected.loss(), exact(html, "loss-value"));
                }
            }
            assertArrayEquals(parameters(expected.after()), pageParameters(html), "θ − η∇θ after the update");
            assertEquals("1", text(html, "step-count"));
            assertEquals(sgd.meanLoss(expected.after(), xor.xMatrix(), xor.yMatrix()), exact(html, "mean-loss"));
            assertFalse(hasId(html, "gradient-warning"), "sigmoid and L2 have gradients");
        });
    }

    @Test
    void htmxRequestsGetFragments() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            HttpResponse<String> app = browser.postForm("/configure", xorForm(), true);
            assertEquals(200, app.statusCode(), app.body());
            assertTrue(app.body().startsWith("<div id=\"app\""), start(app.body()));
            assertFalse(app.body().contains("<html"));
            assertEquals("(2×2) + (2×1) = 6 weights, 2 + 1 = 3 biases, 9 parameters", text(app.body(), "param-formula"));

            // a phase before the update changes the controls, counters, diagram, trace and the marked sample only
            HttpResponse<String> forward = browser.postForm("/step", Map.of("action", "forward"), true);
            assertEquals(200, forward.statusCode(), forward.body());
            String body = forward.body();
            assertTrue(body.startsWith("<form id=\"controls\""), start(body));
            assertFalse(body.contains("<html"));
            for (String id : new String[] {"controls", "status", "notice", "diagram", "trace", "dataset-table"}) {
                assertTrue(body.matches("(?s).*id=\"" + id + "\"[^>]*hx-swap-oob=\"true\".*"), id + " swapped by id");
            }
            for (String id : new String[] {"weights", "loss-chart", "computes", "history", "workspace"}) {
                assertFalse(hasId(body, id), id + " did not change, so it is not sent");
            }
            assertEquals("Forward pass", text(body, "phase-name"));
            assertTrue(forward.headers().allValues("Vary").stream().anyMatch(v -> v.contains("HX-Request")));

            HttpResponse<String> next = browser.postForm("/step", Map.of("action", "next"), true);
            assertEquals("Loss", text(next.body(), "phase-name"));
            assertFalse(hasId(next.body(), "dataset-table"), "same sample: the dataset table is not resent");

            HttpResponse<String> update = browser.postForm("/step", Map.of("action", "update"), true);
            for (String id : new String[] {"weights", "loss-chart", "computes", "history"}) {
                assertTrue(hasId(update.body(), id), id + " changes with the parameters");
            }

            HttpResponse<String> reset = browser.postForm("/step", Map.of("action", "reset"), true);
            assertTrue(reset.body().startsWith("<section id=\"workspace\""), start(reset.body()));
        });
    }

    @Test
    void aRejectedFormShowsItsErrorAndLeavesTheNetworkAlone() {
        String[][] cases = {
                {"inputs", ""}, {"inputs", "abc"}, {"inputs", "-1"},
                {"hidden", "0"}, {"hidden", "65"}, {"hidden", "4,4,4,4,4,4,4,4,4"},
                {"learningRate", "0"}, {"learningRate", "11"}, {"learningRate", "-0.1"},
                {"dataset", null}};
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            assertSeeOther(browser.postForm("/configure", xorForm()));
            assertSeeOther(browser.postForm("/step", Map.of("action", "whole")));
            assertSeeOther(browser.postForm("/step", Map.of("action", "forward")));
            String page = browser.get("/").body();
            double[] weights = pageParameters(page);
            assertEquals("1", text(page, "step-count"));
            assertEquals("Forward pass", text(page, "phase-name"));

            List<String> failures = new ArrayList<>();
            for (String[] c : cases) {
                String field = c[0];
                // the dataset case: XOR has 2 inputs, the form asks for 3
                Map<String, String> form = c[1] == null ? xorForm("inputs", "3") : xorForm(field, c[1]);
                String label = field + "=" + (c[1] == null ? "xor with inputs=3" : "\"" + c[1] + "\"");
                for (boolean htmx : new boolean[] {false, true}) {
                    HttpResponse<String> response = browser.postForm("/configure", form, htmx);
                    String where = label + (htmx ? " (htmx)" : "");
                    String body = response.body();
                    if (response.statusCode() != 400) {
                        failures.add(where + ": status " + response.statusCode());
                        continue;
                    }
                    if (htmx != !body.contains("<html")) failures.add(where + ": page/fragment mix-up");
                    if (htmx && !body.startsWith("<div id=\"app\"")) failures.add(where + ": not the #app fragment");
                    if (!hasId(body, field + "-error") || text(body, field + "-error").isBlank()) {
                        failures.add(where + ": no message in #" + field + "-error");
                    } else if (c[1] != null && !field.equals("dataset")
                            && !attribute(body, field, "value").equals(c[1])) {
                        failures.add(where + ": the form does not show what was typed");
                    }
                    String after = browser.get("/").body();
                    if (!java.util.Arrays.equals(weights, pageParameters(after))) failures.add(where + ": weights changed");
                    if (!text(after, "step-count").equals("1")) failures.add(where + ": step count changed");
                    if (!text(after, "phase-name").equals("Forward pass")) failures.add(where + ": phase changed");
                }
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        });
    }

    @Test
    void theLiveParameterCountForA342Network() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            HttpResponse<String> response = new WebClient(server.port())
                    .postForm("/parameters", Map.of("inputs", "3", "hidden", "4", "outputs", "2"), true);
            assertEquals(200, response.statusCode());
            String html = response.body();
            assertTrue(html.startsWith("<div id=\"param-count\""), start(html));
            assertFalse(html.contains("<html"));
            assertEquals("(3×4) + (4×2) = 20 weights, 4 + 2 = 6 biases, 26 parameters", text(html, "param-formula"));
            assertEquals("26", text(html, "param-total"));
        });
    }

    @Test
    void twoBrowsersHaveTwoExperiments() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient alice = new WebClient(server.port());
            WebClient bob = new WebClient(server.port());
            String bobsPage = bob.get("/").body();
            double[] bobsWeights = pageParameters(bobsPage, List.of(3, 4, 2));

            alice.get("/");
            assertSeeOther(alice.postForm("/configure", xorForm()));
            assertSeeOther(alice.postForm("/step", Map.of("action", "whole")));
            String alicesPage = alice.get("/").body();
            assertEquals("1", text(alicesPage, "step-count"));

            String bobNow = bob.get("/").body();
            assertEquals("0", text(bobNow, "step-count"));
            assertEquals("26", text(bobNow, "network-param-total"), "Bob still has the default 3-4-2");
            assertArrayEquals(bobsWeights, pageParameters(bobNow, List.of(3, 4, 2)));

            assertSeeOther(bob.postForm("/step", Map.of("action", "epoch")));
            String aliceNow = alice.get("/").body();
            assertEquals("1", text(aliceNow, "step-count"));
            assertEquals("0", text(aliceNow, "epoch-count"));
            assertArrayEquals(pageParameters(alicesPage), pageParameters(aliceNow));
        });
    }

    @Test
    void epochFinishesTheEpochAndResetGoesBackToTheSeed() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            assertSeeOther(browser.postForm("/configure", xorForm()));

            assertSeeOther(browser.postForm("/step", Map.of("action", "epoch")));
            String html = browser.get("/").body();
            assertEquals("1", text(html, "epoch-count"));
            assertEquals("4", text(html, "step-count"), "XOR has 4 samples");

            // from the middle of a step: the epoch still ends after its 4th sample
            assertSeeOther(browser.postForm("/step", Map.of("action", "loss")));
            assertSeeOther(browser.postForm("/step", Map.of("action", "epoch")));
            html = browser.get("/").body();
            assertEquals("2", text(html, "epoch-count"));
            assertEquals("8", text(html, "step-count"));

            // the engine agrees: two sequential epochs of XOR
            Network expected = seededXorNetwork();
            Sgd sgd = new Sgd(Loss.L2, 0.5);
            Dataset xor = Datasets.byId("xor").orElseThrow();
            for (int s = 0; s < 8; s++) {
                expected = sgd.step(expected, Vec.of(xor.x(s % 4)), Vec.of(xor.y(s % 4))).after();
            }
            assertArrayEquals(parameters(expected), pageParameters(html));

            assertSeeOther(browser.postForm("/step", Map.of("action", "reset")));
            html = browser.get("/").body();
            assertEquals("0", text(html, "step-count"));
            assertEquals("0", text(html, "epoch-count"));
            assertEquals("Ready", text(html, "phase-name"));
            assertArrayEquals(parameters(seededXorNetwork()), pageParameters(html));
        });
    }

    @Test
    void anUnknownActionIsABadRequest() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            for (boolean htmx : new boolean[] {false, true}) {
                HttpResponse<String> response = browser.postForm("/step", Map.of("action", "jump"), htmx);
                assertEquals(400, response.statusCode(), response.body());
                assertTrue(response.body().contains("unknown action"), response.body());
            }
            assertEquals("0", text(browser.get("/").body(), "step-count"));
        });
    }

    @Test
    void divergingShowsANoticeAndStopsTheNetwork() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            // y = wx with x up to 5 and η = 10: each step multiplies w's error by up to 1 − 10·25 = −249
            Map<String, String> form = xorForm();
            form.putAll(Map.of("inputs", "1", "hidden", "", "outputs", "1", "outputActivation", "identity",
                    "learningRate", "10", "dataset", "line"));
            assertSeeOther(browser.postForm("/configure", form));
            String html = null;
            for (int epoch = 0; epoch < 100; epoch++) {
                HttpResponse<String> response = browser.postForm("/step", Map.of("action", "epoch"), true);
                assertEquals(200, response.statusCode(), response.body());
                html = response.body();
                if (text(html, "notice").contains("diverged")) break;
            }
            assertTrue(text(html, "notice").contains("diverged"), "no divergence notice after 100 epochs");
            // the answer leaves the weights to load when seen (LazyPanelsHttpTest): they are the panel's
            double w = exact(browser.getHtmx("/weights").body(), "w1-1-1");
            assertTrue(Double.isFinite(w), "the last finite weights stay: " + w);
            String steps = text(html, "step-count");

            // further steps are refused the same way, without an error page
            for (String action : List.of("next", "whole", "epoch", "update")) {
                HttpResponse<String> response = browser.postForm("/step", Map.of("action", action));
                assertEquals(303, response.statusCode(), action + ": " + response.body());
                String page = browser.get("/").body();
                assertEquals(steps, text(page, "step-count"), action);
                assertEquals(w, exact(page, "w1-1-1"), action);
                assertTrue(text(page, "notice").contains("diverged"), action);
            }

            // reset starts over
            assertSeeOther(browser.postForm("/step", Map.of("action", "reset")));
            String page = browser.get("/").body();
            assertEquals("", text(page, "notice"));
            assertEquals("0", text(page, "step-count"));
        });
    }

    @Test
    void zeroOneLossWarnsAtBackpropagation() {
        assertGradientWarning(xorForm("loss", "zero_one"), "Zero-one");
    }

    @Test
    void stepActivationWarnsAtBackpropagation() {
        assertGradientWarning(xorForm("hiddenActivation", "step"), "step function");
    }

    private static void assertGradientWarning(Map<String, String> form, String words) {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            assertSeeOther(browser.postForm("/configure", form));
            for (String phase : List.of("pick", "forward", "loss")) {
                String html = browser.postForm("/step", Map.of("action", phase), true).body();
                assertFalse(hasId(html, "gradient-warning"), "no warning before backpropagation, at " + phase);
            }
            String html = browser.postForm("/step", Map.of("action", "backward"), true).body();
            assertEquals("Backpropagation", text(html, "phase-name"));
            assertTrue(hasId(html, "gradient-warning"), "backpropagation should warn");
            assertTrue(text(html, "gradient-warning").contains(words), text(html, "gradient-warning"));
        });
    }

    // ---------------------------------------------------------------- helpers

    private static void assertSeeOther(HttpResponse<String> response) {
        assertEquals(303, response.statusCode(), response.body());
        assertEquals("/", response.headers().firstValue("Location").orElse(null));
    }

    private static String start(String body) {
        return body.substring(0, Math.min(120, body.length()));
    }

    /** Every weight then every bias, layer by layer, as the engine holds them. */
    private static double[] parameters(Network network) {
        List<Double> values = new ArrayList<>();
        for (int l = 0; l < network.depth(); l++) {
            var layer = network.layer(l);
            for (int j = 0; j < layer.outputs(); j++) {
                for (int i = 0; i < layer.inputs(); i++) values.add(layer.weight(j, i));
            }
            for (int j = 0; j < layer.outputs(); j++) values.add(layer.bias(j));
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] pageParameters(String html) {
        return pageParameters(html, SIZES);
    }

    /** The same, read from the exact values in the titles of the page's w{l}-{j}-{i} and b{l}-{j} cells. */
    private static double[] pageParameters(String html, List<Integer> sizes) {
        List<Double> values = new ArrayList<>();
        for (int l = 1; l < sizes.size(); l++) {
            for (int j = 1; j <= sizes.get(l); j++) {
                for (int i = 1; i <= sizes.get(l - 1); i++) values.add(exact(html, "w" + l + "-" + j + "-" + i));
            }
            for (int j = 1; j <= sizes.get(l); j++) values.add(exact(html, "b" + l + "-" + j));
        }
        assertFalse(hasId(html, "w" + sizes.size() + "-1-1"), "more layers on the page than expected");
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void trainNStepsTakesThemInOnePostWithAndWithoutHtmxAndRefusesBadCounts() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient browser = new WebClient(server.port());
            browser.get("/");
            assertEquals(303, browser.postForm("/step", Map.of("action", "steps", "steps", "5")).statusCode());
            assertEquals("5", text(browser.get("/").body(), "step-count"));
            HttpResponse<String> fragment = browser.postForm("/step", Map.of("action", "steps", "steps", "3"), true);
            assertEquals(200, fragment.statusCode());
            assertEquals("8", text(fragment.body(), "step-count"));
            for (String bad : new String[] {"", "abc", "0", "1001", "99999999999"}) {
                HttpResponse<String> refused = browser.postForm("/step", Map.of("action", "steps", "steps", bad), true);
                assertEquals(400, refused.statusCode(), bad);
                assertTrue(refused.body().contains("whole number from 1 to 1000"), refused.body());
            }
            assertEquals("8", text(browser.get("/").body(), "step-count"), "a refused count changes nothing");
        });
    }
}

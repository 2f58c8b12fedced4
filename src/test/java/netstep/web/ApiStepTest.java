package netstep.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.*;

/** POST /api/step over HTTP: the issue's example worked by hand, every 400, and divergence as 422. */
class ApiStepTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final double EPS = 1e-12;

    /** The issue's example: a 2-2-1 network, sigmoid then identity, L2 loss, η = 0.5, x = (1, 2), y = 1. */
    static final String EXAMPLE = "{\"network\":{\"layers\":["
            + "{\"weights\":[[0.1,0.2],[0.3,0.4]],\"biases\":[0.0,0.0],\"activation\":\"sigmoid\"},"
            + "{\"weights\":[[0.5,0.6]],\"biases\":[0.0],\"activation\":\"identity\"}]},"
            + "\"loss\":\"l2\",\"learningRate\":0.5,\"sample\":{\"x\":[1.0,2.0],\"y\":[1.0]}}";

    @Test
    void theIssuesExampleGivesTheNumbersWorkedByHand() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            HttpResponse<String> response = new WebClient(server.port()).postJson("/api/step", EXAMPLE);
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
            JsonNode body = MAPPER.readTree(response.body());
            assertEquals(List.of("forward", "loss", "backward", "network", "parameters"), fieldNames(body));

            // Worked by hand, independently of the engine (x = [1, 2], y = 1, η = 0.5):
            // layer 1: a1 = W1·x + b1 = [0.1·1 + 0.2·2, 0.3·1 + 0.4·2] = [0.5, 1.1]
            double a11 = 0.1 * 1 + 0.2 * 2;
            double a12 = 0.3 * 1 + 0.4 * 2;
            //          f1 = σ(a1) = [σ(0.5), σ(1.1)] = [0.622459331202, 0.750260105595]
            double f11 = 1 / (1 + Math.exp(-a11));
            double f12 = 1 / (1 + Math.exp(-a12));
            // layer 2: a2 = W2·f1 + b2 = 0.5·0.622459 + 0.6·0.750260 = 0.761385728958; identity, so ŷ = a2
            double a2 = 0.5 * f11 + 0.6 * f12;
            // loss: L = ½(y − ŷ)² = ½(1 − 0.761386)² = 0.028468385172
            double loss = 0.5 * (1 - a2) * (1 - a2);
            // backward, layer 2: ∂L/∂f2 = ŷ − y = −0.238614271042; identity' = 1, so ∂L/∂a2 = ∂L/∂b2 the same
            double d2 = a2 - 1;
            //   ∂L/∂W2 = ∂L/∂a2 · f1ᵀ = [−0.148527679568, −0.179022768188]
            double dW21 = d2 * f11;
            double dW22 = d2 * f12;
            // layer 1: ∂L/∂f1 = W2ᵀ ∂L/∂a2 = [0.5·d2, 0.6·d2] = [−0.119307135521, −0.143168562625]
            double df11 = 0.5 * d2;
            double df12 = 0.6 * d2;
            //   ∂L/∂a1 = ∂L/∂f1 ⊙ f1(1 − f1) = [−0.028037619740, −0.026825476334]
            double da11 = df11 * f11 * (1 - f11);
            double da12 = df12 * f12 * (1 - f12);
            //   ∂L/∂W1 = ∂L/∂a1 · xᵀ = [[da11·1, da11·2], [da12·1, da12·2]]
            double[][] dW1 = {{da11 * 1, da11 * 2}, {da12 * 1, da12 * 2}};
            // update θ ← θ − 0.5·∇θ:
            //   W1 = [[0.114018809870, 0.228037619740], [0.313412738167, 0.426825476334]], b1 = [0.014018809870, 0.013412738167]
            //   W2 = [[0.574263839784, 0.689511384094]], b2 = [0.119307135521]
            double[][] newW1 = {{0.1 - 0.5 * dW1[0][0], 0.2 - 0.5 * dW1[0][1]}, {0.3 - 0.5 * dW1[1][0], 0.4 - 0.5 * dW1[1][1]}};
            double[] newB1 = {0 - 0.5 * da11, 0 - 0.5 * da12};
            double[][] newW2 = {{0.5 - 0.5 * dW21, 0.6 - 0.5 * dW22}};
            double[] newB2 = {0 - 0.5 * d2};

            // the hand numbers above, rounded, as a check on the working itself
            assertEquals(0.622459331202, f11, 1e-12);
            assertEquals(0.750260105595, f12, 1e-12);
            assertEquals(0.761385728958, a2, 1e-12);
            assertEquals(0.028468385172, loss, 1e-12);

            JsonNode forward = body.get("forward");
            assertEquals(2, forward.size());
            assertVector(new double[] {a11, a12}, forward.get(0).get("a"));
            assertVector(new double[] {f11, f12}, forward.get(0).get("f"));
            assertVector(new double[] {a2}, forward.get(1).get("a"));
            assertVector(new double[] {a2}, forward.get(1).get("f"));

            assertEquals(loss, body.get("loss").asDouble(), EPS);

            JsonNode backward = body.get("backward");
            assertEquals(2, backward.size());
            JsonNode b1 = backward.get(0);
            JsonNode b2 = backward.get(1);
            assertVector(new double[] {d2}, b2.get("dL_df"));
            assertVector(new double[] {d2}, b2.get("dL_da"));
            assertMatrix(new double[][] {{dW21, dW22}}, b2.get("dL_dW"));
            assertVector(new double[] {d2}, b2.get("dL_db"));
            assertVector(new double[] {df11, df12}, b1.get("dL_df"));
            assertVector(new double[] {da11, da12}, b1.get("dL_da"));
            assertMatrix(dW1, b1.get("dL_dW"));
            assertVector(new double[] {da11, da12}, b1.get("dL_db"));

            JsonNode layers = body.get("network").get("layers");
            assertEquals(2, layers.size());
            assertMatrix(newW1, layers.get(0).get("weights"));
            assertVector(newB1, layers.get(0).get("biases"));
            assertEquals("sigmoid", layers.get(0).get("activation").asText());
            assertMatrix(newW2, layers.get(1).get("weights"));
            assertVector(newB2, layers.get(1).get("biases"));
            assertEquals("identity", layers.get(1).get("activation").asText());

            JsonNode parameters = body.get("parameters");
            assertEquals(6, parameters.get("weights").asInt());
            assertEquals(3, parameters.get("biases").asInt());
            assertEquals(9, parameters.get("total").asInt());
        });
    }

    @Test
    void leakyReluKeepsItsSlopeInTheAnsweredNetwork() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            ObjectNode request = example();
            ObjectNode first = (ObjectNode) request.at("/network/layers/0");
            first.put("activation", "leaky_relu");
            first.put("slope", 0.15);
            HttpResponse<String> response = new WebClient(server.port()).postJson("/api/step", request.toString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode layer = MAPPER.readTree(response.body()).at("/network/layers/0");
            assertEquals("leaky_relu", layer.get("activation").asText());
            assertEquals(0.15, layer.get("slope").asDouble());
            assertFalse(MAPPER.readTree(response.body()).at("/network/layers/1").has("slope"),
                    "only leaky ReLU layers carry a slope");
        });
    }

    @Test
    void everyBadRequestIs400WithAnErrorNamingTheField() {
        Map<String, String> cases = new LinkedHashMap<>();
        // label -> request body; the expected words follow in `mentions`
        Map<String, String> mentions = new LinkedHashMap<>();
        add(cases, mentions, "empty body", "", "empty");
        add(cases, mentions, "malformed JSON", "{\"network\": {", "malformed JSON");
        add(cases, mentions, "array, not object", "[1, 2, 3]", "JSON object");
        add(cases, mentions, "missing network", edit(r -> r.remove("network")), "network");
        add(cases, mentions, "missing layers", edit(r -> ((ObjectNode) r.get("network")).remove("layers")),
                "network.layers");
        add(cases, mentions, "empty layers", edit(r -> layers(r).removeAll()), "network.layers");
        add(cases, mentions, "17 layers", edit(r -> {
            ArrayNode layers = layers(r);
            layers.removeAll();
            for (int l = 0; l < 17; l++) layers.add(layer(new double[][] {{1}}, new double[] {0}, "identity"));
            ((ObjectNode) r.get("sample")).set("x", MAPPER.valueToTree(new double[] {1}));
        }), "network.layers");
        add(cases, mentions, "513 rows", edit(r -> {
            ArrayNode layers = layers(r);
            layers.removeAll();
            layers.add(layer(new double[513][2], new double[513], "identity"));
            layers.add(layer(new double[1][513], new double[1], "identity"));
        }), "network.layers[0].weights");
        add(cases, mentions, "ragged weights",
                edit(r -> ((ArrayNode) r.at("/network/layers/0/weights/1")).remove(1)), "network.layers[0].weights");
        add(cases, mentions, "biases length mismatch",
                edit(r -> ((ArrayNode) r.at("/network/layers/0/biases")).add(0.0)), "network.layers[0].biases");
        add(cases, mentions, "consecutive layers do not fit",
                edit(r -> ((ArrayNode) r.at("/network/layers/1/weights/0")).add(0.7)), "network.layers[1].weights");
        add(cases, mentions, "weight is a string",
                edit(r -> ((ArrayNode) r.at("/network/layers/0/weights/0")).set(0, "0.1")),
                "network.layers[0].weights[0][0]");
        add(cases, mentions, "unknown activation",
                edit(r -> ((ObjectNode) r.at("/network/layers/1")).put("activation", "swish")),
                "network.layers[1].activation");
        add(cases, mentions, "unknown loss", edit(r -> r.put("loss", "focal")), "loss");
        add(cases, mentions, "missing loss", edit(r -> r.remove("loss")), "loss");
        add(cases, mentions, "learningRate 0", edit(r -> r.put("learningRate", 0)), "learningRate");
        add(cases, mentions, "learningRate negative", edit(r -> r.put("learningRate", -0.1)), "learningRate");
        add(cases, mentions, "learningRate 11", edit(r -> r.put("learningRate", 11)), "learningRate");
        add(cases, mentions, "learningRate a string", edit(r -> r.put("learningRate", "0.5")), "learningRate");
        add(cases, mentions, "missing sample", edit(r -> r.remove("sample")), "sample");
        add(cases, mentions, "x of wrong length",
                edit(r -> ((ArrayNode) r.at("/sample/x")).add(3.0)), "sample.x");
        add(cases, mentions, "y of wrong length",
                edit(r -> ((ArrayNode) r.at("/sample/y")).add(0.0)), "sample.y");

        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient client = new WebClient(server.port());
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, String> c : cases.entrySet()) {
                HttpResponse<String> response = client.postJson("/api/step", c.getValue());
                String problem = badRequestProblem(response, mentions.get(c.getKey()));
                if (problem != null) failures.add(c.getKey() + ": " + problem);
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        });
    }

    /** A second object after the first (e.g. two requests glued together) is not a valid body either. */
    @Test
    void contentAfterTheObjectIsMalformedJson() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            HttpResponse<String> response = new WebClient(server.port())
                    .postJson("/api/step", EXAMPLE + " {\"learningRate\": 0.1}");
            String problem = badRequestProblem(response, "malformed JSON");
            assertNull(problem, problem);
        });
    }

    @Test
    void aStepThatOverflowsIs422Diverged() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            // within the bounds going in (|v| ≤ 1e6), but the update w − η·(ŷ − y)·x is about −5e17: beyond them
            String request = "{\"network\":{\"layers\":[{\"weights\":[[1e6]],\"biases\":[0],\"activation\":\"identity\"}]},"
                    + "\"loss\":\"l2\",\"learningRate\":0.5,\"sample\":{\"x\":[1e6],\"y\":[1]}}";
            HttpResponse<String> response = new WebClient(server.port()).postJson("/api/step", request);
            assertEquals(422, response.statusCode(), response.body());
            JsonNode body = MAPPER.readTree(response.body());
            assertEquals(List.of("error"), fieldNames(body));
            assertTrue(body.get("error").asText().contains("diverged"), body.toString());
        });
    }

    // ---------------------------------------------------------------- helpers

    /** Null when the answer is a 400 whose JSON error mentions {@code field}; otherwise what is wrong. */
    static String badRequestProblem(HttpResponse<String> response, String field) {
        if (response.statusCode() != 400) return "status " + response.statusCode() + ": " + response.body();
        if (!response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
            return "not JSON: " + response.headers().firstValue("Content-Type");
        }
        try {
            JsonNode error = MAPPER.readTree(response.body()).get("error");
            if (error == null || !error.isTextual() || error.asText().isBlank()) return "no error string: " + response.body();
            if (!error.asText().contains(field)) return "error does not mention '" + field + "': " + error.asText();
            return null;
        } catch (Exception e) {
            return "unreadable body: " + response.body();
        }
    }

    private static void add(Map<String, String> cases, Map<String, String> mentions, String label, String body,
                            String mention) {
        cases.put(label, body);
        mentions.put(label, mention);
    }

    static ObjectNode example() {
        try {
            return (ObjectNode) MAPPER.readTree(EXAMPLE);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String edit(Consumer<ObjectNode> change) {
        ObjectNode request = example();
        change.accept(request);
        return request.toString();
    }

    private static ArrayNode layers(ObjectNode request) {
        return (ArrayNode) request.at("/network/layers");
    }

    static ObjectNode layer(double[][] weights, double[] biases, String activation) {
        ObjectNode layer = MAPPER.createObjectNode();
        layer.set("weights", MAPPER.valueToTree(weights));
        layer.set("biases", MAPPER.valueToTree(biases));
        layer.put("activation", activation);
        return layer;
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }

    private static void assertVector(double[] expected, JsonNode actual) {
        assertNotNull(actual);
        assertEquals(expected.length, actual.size(), actual.toString());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.get(i).asDouble(), EPS, "[" + i + "] of " + actual);
        }
    }

    private static void assertMatrix(double[][] expected, JsonNode actual) {
        assertNotNull(actual);
        assertEquals(expected.length, actual.size(), actual.toString());
        for (int j = 0; j < expected.length; j++) assertVector(expected[j], actual.get(j));
    }
}

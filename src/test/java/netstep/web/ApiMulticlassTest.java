package netstep.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.testtools.JavalinTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API's multi-class outputs (softmax, cross_entropy, multiclass_hinge) and masks, and each of their 400 rules. */
class ApiMulticlassTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** a = (1, 2, 3) from x = (1, 1); the true class is the second. */
    static final String SOFTMAX = "{\"network\":{\"layers\":["
            + "{\"weights\":[[0.5,0.5],[1,1],[1.5,1.5]],\"biases\":[0,0,0],\"activation\":\"softmax\"}]},"
            + "\"loss\":\"cross_entropy\",\"learningRate\":0.1,\"sample\":{\"x\":[1,1],\"y\":[0,1,0]}}";

    /** 4 inputs (a 2×2 image) → 2 neurons, each seeing one column of the image, → 2 classes. */
    static final String MASKED = "{\"network\":{\"layers\":["
            + "{\"weights\":[[0.3,0,-0.2,0],[0,0.4,0,0.1]],\"mask\":[[1,0,1,0],[0,1,0,1]],\"biases\":[0,0],"
            + "\"activation\":\"tanh\"},"
            + "{\"weights\":[[0.5,-0.5],[0.2,0.7]],\"biases\":[0,0],\"activation\":\"softmax\"}]},"
            + "\"loss\":\"cross_entropy\",\"learningRate\":0.5,\"sample\":{\"x\":[1,0.5,-1,2],\"y\":[1,0]}}";

    @Test
    void softmaxWithCrossEntropyGivesTheHandWorkedNumbers() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            HttpResponse<String> response = new WebClient(server.port()).postJson("/api/step", SOFTMAX);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode body = MAPPER.readTree(response.body());
            // by hand: ŷ = e^a / Σ e^a = (0.090030573, 0.244728471, 0.665240956), L = −log 0.244728471
            double[] yHat = {0.090030573, 0.244728471, 0.665240956};
            for (int k = 0; k < 3; k++) assertEquals(yHat[k], body.at("/forward/0/f/" + k).asDouble(), 1e-9);
            assertEquals(1.407605964, body.get("loss").asDouble(), 1e-9);
            // ∂L/∂a = ŷ − y
            double[] y = {0, 1, 0};
            for (int k = 0; k < 3; k++) assertEquals(yHat[k] - y[k], body.at("/backward/0/dL_da/" + k).asDouble(), 1e-9);
            assertEquals("softmax", body.at("/network/layers/0/activation").asText());
        });
    }

    @Test
    void multiclassHingeStep() {
        ObjectNode request = edit(SOFTMAX, r -> {
            r.put("loss", "multiclass_hinge");
            ((ObjectNode) r.at("/network/layers/0")).put("activation", "identity");
        });
        JavalinTest.test(App.create(), (server, ignored) -> {
            HttpResponse<String> response = new WebClient(server.port()).postJson("/api/step", request.toString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode body = MAPPER.readTree(response.body());
            // scores (1, 2, 3), c = 2nd: max(0, 1 − 2 + 1) + max(0, 3 − 2 + 1) = 0 + 2; a margin of exactly 0 counts 0
            assertEquals(2.0, body.get("loss").asDouble(), 0.0);
            assertEquals(List.of(0.0, -1.0, 1.0), doubles(body.at("/backward/0/dL_df")));
        });
    }

    @Test
    void maskedWeightsComeBackZeroWithZeroGradientAndAreNotCounted() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            HttpResponse<String> response = new WebClient(server.port()).postJson("/api/step", MASKED);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode body = MAPPER.readTree(response.body());
            JsonNode mask = body.at("/network/layers/0/mask");
            assertEquals("[[1.0,0.0,1.0,0.0],[0.0,1.0,0.0,1.0]]", mask.toString());
            int unmaskedMoved = 0;
            for (int j = 0; j < 2; j++) {
                for (int i = 0; i < 4; i++) {
                    double w = body.at("/network/layers/0/weights/" + j + "/" + i).asDouble();
                    double g = body.at("/backward/0/dL_dW/" + j + "/" + i).asDouble();
                    if (mask.get(j).get(i).asDouble() == 0) {
                        assertEquals(0.0, w, 0.0);
                        assertEquals(0.0, g, 0.0);
                    } else if (g != 0) {
                        unmaskedMoved++;
                    }
                }
            }
            assertEquals(4, unmaskedMoved);
            assertFalse(body.at("/network/layers/1").has("mask"), "a fully connected layer has no mask");
            // 4 unmasked + 2×2 fully connected weights; 2 + 2 biases
            assertEquals(8, body.at("/parameters/weights").asInt());
            assertEquals(12, body.at("/parameters/total").asInt());

            ObjectNode train = edit(MASKED, r -> {
                JsonNode sample = r.remove("sample");
                ArrayNode samples = r.putArray("samples");
                samples.add(sample);
                samples.addObject().set("x", MAPPER.valueToTree(new double[] {-1, 2, 0.5, 0}));
                ((ObjectNode) samples.get(1)).set("y", MAPPER.valueToTree(new double[] {0, 1}));
                r.put("epochs", 50);
            });
            HttpResponse<String> trained = new WebClient(server.port()).postJson("/api/train", train.toString());
            assertEquals(200, trained.statusCode(), trained.body());
            JsonNode net = MAPPER.readTree(trained.body()).get("network");
            for (int j = 0; j < 2; j++) {
                for (int i = 0; i < 4; i++) {
                    if (mask.get(j).get(i).asDouble() == 0) {
                        assertEquals(0.0, net.at("/layers/0/weights/" + j + "/" + i).asDouble(), 0.0);
                    }
                }
            }
            JsonNode history = MAPPER.readTree(trained.body()).get("lossHistory");
            assertTrue(history.get(49).asDouble() < history.get(0).asDouble(), history.toString());
        });
    }

    @Test
    void everyNewRuleIs400WithAMessageSayingWhichRule() {
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("softmax on a hidden layer", new String[] {edit(MASKED, r ->
                ((ObjectNode) r.at("/network/layers/0")).put("activation", "softmax")).toString(),
                "network.layers[0].activation: softmax is allowed on the last layer only"});
        cases.put("cross_entropy without softmax", new String[] {edit(SOFTMAX, r ->
                ((ObjectNode) r.at("/network/layers/0")).put("activation", "sigmoid")).toString(),
                "cross_entropy requires the last layer's activation to be softmax"});
        cases.put("cross_entropy, y entry above 1", new String[] {edit(SOFTMAX, r ->
                ((ObjectNode) r.get("sample")).set("y", MAPPER.valueToTree(new double[] {-0.5, 1.5, 0}))).toString(),
                "sample.y: cross_entropy needs y to be a probability vector: every entry in [0, 1]"});
        cases.put("cross_entropy, y not summing to 1", new String[] {edit(SOFTMAX, r ->
                ((ObjectNode) r.get("sample")).set("y", MAPPER.valueToTree(new double[] {0.2, 0.2, 0.2}))).toString(),
                "summing to 1"});
        cases.put("multiclass_hinge, y not one-hot", new String[] {edit(SOFTMAX, r -> {
            r.put("loss", "multiclass_hinge");
            ((ObjectNode) r.get("sample")).set("y", MAPPER.valueToTree(new double[] {0.5, 0.5, 0}));
        }).toString(), "sample.y: multiclass_hinge needs y to be one-hot"});
        cases.put("mask of the wrong shape", new String[] {edit(MASKED, r ->
                ((ArrayNode) r.at("/network/layers/0/mask")).remove(1)).toString(),
                "network.layers[0].mask is 1×4 but network.layers[0].weights is 2×4"});
        cases.put("mask entry 2", new String[] {edit(MASKED, r ->
                ((ArrayNode) r.at("/network/layers/0/mask/0")).set(0, 2)).toString(),
                "network.layers[0].mask[0][0] must be 0 or 1"});
        cases.put("mask not an array", new String[] {edit(MASKED, r ->
                ((ObjectNode) r.at("/network/layers/0")).put("mask", "local")).toString(),
                "network.layers[0].mask"});
        cases.put("masked weight not 0", new String[] {edit(MASKED, r ->
                ((ArrayNode) r.at("/network/layers/0/weights/0")).set(1, 0.25)).toString(),
                "network.layers[0].weights[0][1] is masked"});
        cases.put("train: a sample's y not one-hot", new String[] {edit(SOFTMAX, r -> {
            r.put("loss", "multiclass_hinge");
            JsonNode sample = r.remove("sample");
            ArrayNode samples = r.putArray("samples");
            samples.add(sample);
            samples.add(sample.deepCopy());
            ((ObjectNode) samples.get(1)).set("y", MAPPER.valueToTree(new double[] {1, 1, 0}));
            r.put("epochs", 1);
        }).toString(), "samples[1].y: multiclass_hinge needs y to be one-hot"});
        cases.put("train: cross_entropy without softmax", new String[] {edit(SOFTMAX, r -> {
            ((ObjectNode) r.at("/network/layers/0")).put("activation", "identity");
            r.putArray("samples").add(r.remove("sample"));
            r.put("epochs", 1);
        }).toString(), "cross_entropy requires the last layer's activation to be softmax"});

        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient client = new WebClient(server.port());
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, String[]> c : cases.entrySet()) {
                String path = c.getKey().startsWith("train") ? "/api/train" : "/api/step";
                HttpResponse<String> response = client.postJson(path, c.getValue()[0]);
                String problem = ApiStepTest.badRequestProblem(response, c.getValue()[1]);
                if (problem != null) failures.add(c.getKey() + ": " + problem);
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        });
    }

    private static ObjectNode edit(String json, Consumer<ObjectNode> change) {
        try {
            ObjectNode request = (ObjectNode) MAPPER.readTree(json);
            change.accept(request);
            return request;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<Double> doubles(JsonNode array) {
        List<Double> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asDouble()));
        return out;
    }
}

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

import static netstep.web.ApiStepTest.badRequestProblem;
import static netstep.web.ApiStepTest.fieldNames;
import static netstep.web.ApiStepTest.layer;
import static org.junit.jupiter.api.Assertions.*;

/** POST /api/train over HTTP: learning a line, determinism, every 400, and divergence as 422. */
class ApiTrainTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** y = 2x with a single identity neuron starting at w = 0, b = 0: L2, η = 0.05. */
    private static ObjectNode line(int epochs, String order, long seed) {
        ObjectNode request = MAPPER.createObjectNode();
        request.putObject("network").putArray("layers")
                .add(layer(new double[][] {{0.0}}, new double[] {0.0}, "identity"));
        request.put("loss", "l2");
        request.put("learningRate", 0.05);
        ArrayNode samples = request.putArray("samples");
        for (double x : new double[] {0.5, 1.0, 1.5, 2.0, 2.5}) {
            ObjectNode sample = samples.addObject();
            sample.putArray("x").add(x);
            sample.putArray("y").add(2 * x);
        }
        request.put("epochs", epochs);
        request.put("order", order);
        request.put("seed", seed);
        return request;
    }

    /** XOR on a 2-3-1 tanh/sigmoid network. */
    private static ObjectNode xor(String order, long seed) {
        ObjectNode request = MAPPER.createObjectNode();
        ArrayNode layers = request.putObject("network").putArray("layers");
        layers.add(layer(new double[][] {{0.5, -0.4}, {-0.3, 0.8}, {0.2, 0.1}}, new double[] {0, 0, 0}, "tanh"));
        layers.add(layer(new double[][] {{0.7, -0.6, 0.3}}, new double[] {0}, "sigmoid"));
        request.put("loss", "l2");
        request.put("learningRate", 0.5);
        ArrayNode samples = request.putArray("samples");
        double[][] xs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        double[] ys = {0, 1, 1, 0};
        for (int s = 0; s < 4; s++) {
            ObjectNode sample = samples.addObject();
            sample.set("x", MAPPER.valueToTree(xs[s]));
            sample.putArray("y").add(ys[s]);
        }
        request.put("epochs", 20);
        request.put("order", order);
        request.put("seed", seed);
        return request;
    }

    @Test
    void learnsTheLineWithALossHistoryPerEpoch() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            HttpResponse<String> response = new WebClient(server.port()).postJson("/api/train",
                    line(200, "sequential", 0).toString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode body = MAPPER.readTree(response.body());
            assertEquals(List.of("network", "lossHistory"), fieldNames(body));

            JsonNode history = body.get("lossHistory");
            assertEquals(200, history.size());
            double first = history.get(0).asDouble();
            double last = history.get(199).asDouble();
            assertTrue(first > 0, "the line is not learnt after one epoch from w = 0");
            assertTrue(last < first / 1000, "loss should fall overall: first " + first + ", last " + last);
            assertTrue(history.get(99).asDouble() < first, "loss should fall by the middle");

            // y = 2x: the weight goes to 2 and the bias to 0
            JsonNode layer = body.at("/network/layers/0");
            assertEquals(2.0, layer.at("/weights/0/0").asDouble(), 1e-2);
            assertEquals(0.0, layer.at("/biases/0").asDouble(), 1e-2);
            assertEquals("identity", layer.get("activation").asText());
        });
    }

    @Test
    void theSameRequestGivesTheSameAnswer() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient client = new WebClient(server.port());
            for (String order : List.of("sequential", "shuffled")) {
                String request = xor(order, 42).toString();
                HttpResponse<String> first = client.postJson("/api/train", request);
                HttpResponse<String> second = client.postJson("/api/train", request);
                assertEquals(200, first.statusCode(), first.body());
                assertEquals(first.body(), second.body(), order);
                assertEquals(20, MAPPER.readTree(first.body()).get("lossHistory").size());
            }
            // the seed decides the shuffled order, so another seed takes another path
            String seed42 = client.postJson("/api/train", xor("shuffled", 42).toString()).body();
            String seed7 = client.postJson("/api/train", xor("shuffled", 7).toString()).body();
            assertNotEquals(seed42, seed7);
        });
    }

    @Test
    void everyBadRequestIs400WithAnErrorNamingTheField() {
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("epochs 0", new String[] {edit(r -> r.put("epochs", 0)), "epochs"});
        cases.put("epochs 10001", new String[] {edit(r -> r.put("epochs", 10_001)), "epochs"});
        cases.put("epochs 1.5", new String[] {edit(r -> r.put("epochs", 1.5)), "epochs"});
        cases.put("missing epochs", new String[] {edit(r -> r.remove("epochs")), "epochs"});
        cases.put("missing samples", new String[] {edit(r -> r.remove("samples")), "samples"});
        cases.put("empty samples", new String[] {edit(r -> ((ArrayNode) r.get("samples")).removeAll()), "samples"});
        cases.put("sample x wrong length",
                new String[] {edit(r -> ((ArrayNode) r.at("/samples/2/x")).add(1.0)), "samples[2].x"});
        cases.put("sample y wrong length",
                new String[] {edit(r -> ((ArrayNode) r.at("/samples/1/y")).add(1.0)), "samples[1].y"});
        cases.put("bad order", new String[] {edit(r -> r.put("order", "random")), "order"});
        cases.put("seed not whole", new String[] {edit(r -> r.put("seed", 1.5)), "seed"});
        cases.put("too much work", new String[] {tooMuchWork(), "too much work"});

        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient client = new WebClient(server.port());
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, String[]> c : cases.entrySet()) {
                HttpResponse<String> response = client.postJson("/api/train", c.getValue()[0]);
                String problem = badRequestProblem(response, c.getValue()[1]);
                if (problem != null) failures.add(c.getKey() + ": " + problem);
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
        });
    }

    @Test
    void divergingTrainingIs422() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            // η = 10 on y = 2x with x = 100: each step multiplies the error by about 1 − η·x² = −99 999
            ObjectNode request = line(100, "sequential", 0);
            request.put("learningRate", 10);
            ArrayNode samples = request.putArray("samples");
            ObjectNode sample = samples.addObject();
            sample.putArray("x").add(100.0);
            sample.putArray("y").add(200.0);
            HttpResponse<String> response = new WebClient(server.port()).postJson("/api/train", request.toString());
            assertEquals(422, response.statusCode(), response.body());
            JsonNode body = MAPPER.readTree(response.body());
            assertTrue(body.get("error").asText().contains("diverged"), body.toString());
        });
    }

    /** 10 000 epochs × 20 samples × 1 537 parameters (1-512-1) ≈ 3·10⁸, over the 2·10⁸ limit. */
    private static String tooMuchWork() {
        ObjectNode request = line(10_000, "sequential", 0);
        ArrayNode layers = (ArrayNode) request.at("/network/layers");
        layers.removeAll();
        layers.add(layer(new double[512][1], new double[512], "identity"));
        layers.add(layer(new double[1][512], new double[1], "identity"));
        ArrayNode samples = request.putArray("samples");
        for (int s = 0; s < 20; s++) {
            ObjectNode sample = samples.addObject();
            sample.putArray("x").add(s);
            sample.putArray("y").add(2 * s);
        }
        return request.toString();
    }

    private static String edit(Consumer<ObjectNode> change) {
        ObjectNode request = line(10, "sequential", 0);
        change.accept(request);
        return request.toString();
    }
}

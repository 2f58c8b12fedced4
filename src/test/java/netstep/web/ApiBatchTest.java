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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14's API: "samples" on /api/step, "batchSize" on /api/train, "regularization" on both, and their 400s. */
class ApiBatchTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final double EPS = 1e-12;

    /**
     * ŷ = w·x + b, w = 0.5, b = 0, L2, η = 0.1, samples (x = 1, y = 2) and (x = 2, y = 0), worked by hand:
     * L₁ = ½·1.5² = 1.125 with ∂L₁/∂w = −1.5, ∂L₁/∂b = −1.5; L₂ = ½·1² = 0.5 with ∂L₂/∂w = 2, ∂L₂/∂b = 1;
     * means L = 0.8125, ∂L/∂w = 0.25, ∂L/∂b = −0.25; w ← 0.5 − 0.1·0.25 = 0.475, b ← 0.025.
     */
    static ObjectNode twoSamples() {
        ObjectNode request = MAPPER.createObjectNode();
        request.putObject("network").putArray("layers").add(layer(new double[][] {{0.5}}, new double[] {0}, "identity"));
        request.put("loss", "l2");
        request.put("learningRate", 0.1);
        ArrayNode samples = request.putArray("samples");
        ObjectNode first = samples.addObject();
        first.putArray("x").add(1.0);
        first.putArray("y").add(2.0);
        ObjectNode second = samples.addObject();
        second.putArray("x").add(2.0);
        second.putArray("y").add(0.0);
        return request;
    }

    /** A 2-3-1 tanh/identity network and five samples. */
    static ObjectNode fiveSamples() {
        ObjectNode request = MAPPER.createObjectNode();
        ArrayNode layers = request.putObject("network").putArray("layers");
        layers.add(layer(new double[][] {{0.5, -0.4}, {-0.3, 0.8}, {0.2, 0.1}}, new double[] {0.1, 0, -0.2}, "tanh"));
        layers.add(layer(new double[][] {{0.7, -0.6, 0.3}}, new double[] {0.05}, "identity"));
        request.put("loss", "l2");
        request.put("learningRate", 0.2);
        ArrayNode samples = request.putArray("samples");
        double[][] xs = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {0.5, -0.5}};
        double[] ys = {0, 1, 1, 0, 0.3};
        for (int s = 0; s < xs.length; s++) {
            ObjectNode sample = samples.addObject();
            sample.set("x", MAPPER.valueToTree(xs[s]));
            sample.putArray("y").add(ys[s]);
        }
        return request;
    }

    @Test
    void aBatchStepAnswersTheMeanLossTheAveragedGradientsAndEachSample() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            HttpResponse<String> response = new WebClient(server.port()).postJson("/api/step", twoSamples().toString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode body = MAPPER.readTree(response.body());
            assertEquals(List.of("loss", "backward", "perSample", "network", "parameters"), fieldNames(body));
            assertEquals(0.8125, body.get("loss").asDouble(), EPS);
            assertEquals(0.25, body.at("/backward/0/dL_dW/0/0").asDouble(), EPS);
            assertEquals(-0.25, body.at("/backward/0/dL_db/0").asDouble(), EPS);
            assertEquals(2, body.get("perSample").size());
            assertEquals(1.125, body.at("/perSample/0/loss").asDouble(), EPS);
            assertEquals(-1.5, body.at("/perSample/0/backward/0/dL_dW/0/0").asDouble(), EPS);
            assertEquals(-1.5, body.at("/perSample/0/backward/0/dL_db/0").asDouble(), EPS);
            assertEquals(0.5, body.at("/perSample/1/loss").asDouble(), EPS);
            assertEquals(2, body.at("/perSample/1/backward/0/dL_dW/0/0").asDouble(), EPS);
            assertEquals(1, body.at("/perSample/1/backward/0/dL_db/0").asDouble(), EPS);
            assertEquals(0.475, body.at("/network/layers/0/weights/0/0").asDouble(), EPS);
            assertEquals(0.025, body.at("/network/layers/0/biases/0").asDouble(), EPS);
        });
    }

    /** With regularization, new W = old W − η·dL_dW for every weight, new b = old b − η·dL_db for every bias. */
    @Test
    void withRegularizationDL_dWIsTheTotalsGradientAndTheUpdateFollowsIt() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient client = new WebClient(server.port());
            for (String kind : List.of("l2", "l1")) {
                for (boolean batch : new boolean[] {false, true}) {
                    ObjectNode request = fiveSamples();
                    if (!batch) {
                        request.set("sample", request.get("samples").get(1));
                        request.remove("samples");
                    }
                    request.putObject("regularization").put("kind", kind).put("lambda", 0.3);
                    HttpResponse<String> response = client.postJson("/api/step", request.toString());
                    assertEquals(200, response.statusCode(), response.body());
                    JsonNode body = MAPPER.readTree(response.body());
                    double dataLoss = body.get("dataLoss").asDouble();
                    double lambdaR = body.get("lambdaR").asDouble();
                    // R by hand from the request's weights
                    double r = 0;
                    for (JsonNode l : request.at("/network/layers")) {
                        for (JsonNode row : l.get("weights")) {
                            for (JsonNode w : row) r += kind.equals("l2") ? 0.5 * w.asDouble() * w.asDouble() : Math.abs(w.asDouble());
                        }
                    }
                    assertEquals(0.3 * r, lambdaR, EPS, kind);
                    assertEquals(dataLoss + lambdaR, body.get("loss").asDouble(), EPS);
                    for (int l = 0; l < 2; l++) {
                        JsonNode before = request.at("/network/layers/" + l);
                        JsonNode after = body.at("/network/layers/" + l);
                        JsonNode gradient = body.at("/backward/" + l);
                        for (int j = 0; j < before.get("weights").size(); j++) {
                            for (int i = 0; i < before.get("weights").get(j).size(); i++) {
                                double old = before.get("weights").get(j).get(i).asDouble();
                                assertEquals(old - 0.2 * gradient.get("dL_dW").get(j).get(i).asDouble(),
                                        after.get("weights").get(j).get(i).asDouble(), 0.0,
                                        kind + " layer " + l + " weight " + j + "," + i);
                            }
                            assertEquals(before.get("biases").get(j).asDouble() - 0.2 * gradient.get("dL_db").get(j).asDouble(),
                                    after.get("biases").get(j).asDouble(), 0.0);
                        }
                    }
                    // dL_dW = ∂L/∂W + λ·∂R/∂W: without regularization the same request gives the data part alone
                    ObjectNode plain = request.deepCopy();
                    plain.remove("regularization");
                    JsonNode unregularized = MAPPER.readTree(client.postJson("/api/step", plain.toString()).body());
                    assertEquals(dataLoss, unregularized.get("loss").asDouble(), EPS);
                    double w = request.at("/network/layers/1/weights/0/0").asDouble();
                    double derivative = kind.equals("l2") ? w : Math.signum(w);
                    assertEquals(unregularized.at("/backward/1/dL_dW/0/0").asDouble() + 0.3 * derivative,
                            body.at("/backward/1/dL_dW/0/0").asDouble(), EPS);
                    assertEquals(unregularized.at("/backward/1/dL_db/0").asDouble(), body.at("/backward/1/dL_db/0").asDouble(),
                            0.0, "biases are not regularized");
                }
            }
        });
    }

    @Test
    void trainingInOneBatchOfEverySampleIsOneFullBatchStep() {
        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient client = new WebClient(server.port());
            ObjectNode step = fiveSamples();
            step.putObject("regularization").put("kind", "l2").put("lambda", 0.05);
            JsonNode stepped = MAPPER.readTree(client.postJson("/api/step", step.toString()).body());
            ObjectNode train = step.deepCopy();
            train.put("epochs", 1);
            train.put("batchSize", 5);
            HttpResponse<String> response = client.postJson("/api/train", train.toString());
            assertEquals(200, response.statusCode(), response.body());
            JsonNode trained = MAPPER.readTree(response.body());
            assertEquals(List.of("network", "lossHistory", "dataLossHistory"), fieldNames(trained));
            assertEquals(stepped.get("network"), trained.get("network"));
            assertTrue(trained.at("/lossHistory/0").asDouble() > trained.at("/dataLossHistory/0").asDouble());

            // batches of 2 of 5 samples: three steps, the last of one sample
            ObjectNode two = fiveSamples();
            two.put("epochs", 1);
            two.put("batchSize", 2);
            JsonNode network = two.get("network");
            for (int[] batch : new int[][] {{0, 1}, {2, 3}, {4}}) {
                ObjectNode s = fiveSamples();
                s.set("network", network);
                ArrayNode samples = s.putArray("samples");
                for (int index : batch) samples.add(two.get("samples").get(index));
                network = MAPPER.readTree(client.postJson("/api/step", s.toString()).body()).get("network");
            }
            JsonNode inBatches = MAPPER.readTree(client.postJson("/api/train", two.toString()).body());
            assertEquals(network, inBatches.get("network"));
        });
    }

    @Test
    void everyNewBadRequestIs400WithAnErrorNamingTheField() {
        Map<String, String> steps = new LinkedHashMap<>();
        Map<String, String> mentions = new LinkedHashMap<>();
        add(steps, mentions, "sample and samples", edit(fiveSamples(), r -> r.set("sample", r.get("samples").get(0))),
                "not both");
        add(steps, mentions, "neither sample nor samples", edit(fiveSamples(), r -> r.remove("samples")), "sample");
        add(steps, mentions, "samples empty", edit(fiveSamples(), r -> r.putArray("samples")), "samples");
        add(steps, mentions, "samples not an array", edit(fiveSamples(), r -> r.put("samples", "all")), "samples");
        add(steps, mentions, "samples[2].x too long",
                edit(fiveSamples(), r -> ((ArrayNode) r.at("/samples/2/x")).add(1.0)), "samples[2].x");
        add(steps, mentions, "samples[1] without y",
                edit(fiveSamples(), r -> ((ObjectNode) r.at("/samples/1")).remove("y")), "samples[1].y");
        regularizationCases(steps, mentions);

        Map<String, String> trains = new LinkedHashMap<>();
        Map<String, String> trainMentions = new LinkedHashMap<>();
        ObjectNode train = fiveSamples();
        train.put("epochs", 2);
        add(trains, trainMentions, "batchSize 0", edit(train, r -> r.put("batchSize", 0)), "batchSize");
        add(trains, trainMentions, "batchSize above the samples", edit(train, r -> r.put("batchSize", 6)), "batchSize");
        add(trains, trainMentions, "batchSize negative", edit(train, r -> r.put("batchSize", -1)), "batchSize");
        add(trains, trainMentions, "batchSize 1.5", edit(train, r -> r.put("batchSize", 1.5)), "batchSize");
        add(trains, trainMentions, "batchSize a string", edit(train, r -> r.put("batchSize", "2")), "batchSize");
        add(trains, trainMentions, "batchSize huge", edit(train, r -> r.put("batchSize", 1e12)), "batchSize");
        Map<String, String> trainRegularization = new LinkedHashMap<>();
        Map<String, String> trainRegularizationMentions = new LinkedHashMap<>();
        regularizationCases(trainRegularization, trainRegularizationMentions);
        trainRegularization.forEach((label, body) -> {
            try {
                ObjectNode r = (ObjectNode) MAPPER.readTree(body);
                r.put("epochs", 2);
                add(trains, trainMentions, "train: " + label, r.toString(), trainRegularizationMentions.get(label));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });

        JavalinTest.test(App.create(), (server, ignored) -> {
            WebClient client = new WebClient(server.port());
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, String> c : steps.entrySet()) {
                String problem = badRequestProblem(client.postJson("/api/step", c.getValue()), mentions.get(c.getKey()));
                if (problem != null) failures.add("step, " + c.getKey() + ": " + problem);
            }
            for (Map.Entry<String, String> c : trains.entrySet()) {
                String problem = badRequestProblem(client.postJson("/api/train", c.getValue()),
                        trainMentions.get(c.getKey()));
                if (problem != null) failures.add("train, " + c.getKey() + ": " + problem);
            }
            assertTrue(failures.isEmpty(), String.join("\n", failures));
            // the edges are accepted: λ = 0 and λ = 10, batchSize 1 and N
            for (double lambda : new double[] {0, 10}) {
                ObjectNode ok = fiveSamples();
                ok.putObject("regularization").put("kind", "l1").put("lambda", lambda);
                assertEquals(200, client.postJson("/api/step", ok.toString()).statusCode());
            }
            for (int b : new int[] {1, 5}) {
                ObjectNode ok = fiveSamples();
                ok.put("epochs", 1);
                ok.put("batchSize", b);
                assertEquals(200, client.postJson("/api/train", ok.toString()).statusCode());
            }
        });
    }

    private static void regularizationCases(Map<String, String> cases, Map<String, String> mentions) {
        add(cases, mentions, "regularization a string", edit(fiveSamples(), r -> r.put("regularization", "l2")),
                "regularization");
        add(cases, mentions, "regularization without kind",
                edit(fiveSamples(), r -> r.putObject("regularization").put("lambda", 0.1)), "regularization.kind");
        add(cases, mentions, "regularization kind l3",
                edit(fiveSamples(), r -> r.putObject("regularization").put("kind", "l3").put("lambda", 0.1)),
                "regularization.kind");
        add(cases, mentions, "regularization kind a number",
                edit(fiveSamples(), r -> r.putObject("regularization").put("kind", 2).put("lambda", 0.1)),
                "regularization.kind");
        add(cases, mentions, "regularization without lambda",
                edit(fiveSamples(), r -> r.putObject("regularization").put("kind", "l2")), "regularization.lambda");
        add(cases, mentions, "lambda negative",
                edit(fiveSamples(), r -> r.putObject("regularization").put("kind", "l2").put("lambda", -0.01)),
                "regularization.lambda");
        add(cases, mentions, "lambda above 10",
                edit(fiveSamples(), r -> r.putObject("regularization").put("kind", "l1").put("lambda", 10.5)),
                "regularization.lambda");
        add(cases, mentions, "lambda a string",
                edit(fiveSamples(), r -> r.putObject("regularization").put("kind", "l1").put("lambda", "0.1")),
                "regularization.lambda");
        add(cases, mentions, "lambda overflowing to infinity",
                "{\"regularization\":{\"kind\":\"l2\",\"lambda\":1e999}," + fiveSamples().toString().substring(1),
                "regularization.lambda");
        add(cases, mentions, "unknown field in regularization",
                edit(fiveSamples(), r -> r.putObject("regularization").put("kind", "l2").put("lambda", 0.1)
                        .put("biases", true)), "regularization.biases");
    }

    private static void add(Map<String, String> cases, Map<String, String> mentions, String label, String body,
                            String mention) {
        cases.put(label, body);
        mentions.put(label, mention);
    }

    private static String edit(ObjectNode request, Consumer<ObjectNode> change) {
        ObjectNode copy = request.deepCopy();
        change.accept(copy);
        return copy.toString();
    }
}

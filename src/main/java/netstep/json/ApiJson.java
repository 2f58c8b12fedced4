package netstep.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import netstep.engine.Activation;
import netstep.engine.BatchTrace;
import netstep.engine.Layer;
import netstep.engine.Loss;
import netstep.engine.Mat;
import netstep.engine.Network;
import netstep.engine.ParameterCount;
import netstep.engine.Regularization;
import netstep.engine.SampleOrder;
import netstep.engine.StepTrace;
import netstep.engine.Vec;
import netstep.data.Dataset;
import netstep.experiment.Config;
import netstep.experiment.Experiment;
import netstep.experiment.InvalidInput;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads and writes the JSON API's shapes. Every problem becomes an {@link InvalidInput} that names the field,
 * e.g. "network.layers[1].weights[0] has 3 numbers; row 1 has 2".
 * Over 300 lines: every shape of the API, read and written, side by side so the two stay alike.
 */
public final class ApiJson {
    public static final int MAX_LAYERS = 16;
    public static final int MAX_WIDTH = Config.MAX_API_WIDTH;
    public static final double MAX_LEARNING_RATE = Config.MAX_LEARNING_RATE;
    public static final int MAX_SAMPLES = Dataset.MAX_SAMPLES;
    public static final int MAX_EPOCHS = Experiment.MAX_TRAINING_EPOCHS;

    /**
     * Doubles written in the JDK's own form (Double.toString), which reads back as the same double; read with
     * FastDoubleParser (the same correctly rounded doubles), since an /api/train body can hold thousands.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ApiJson() {
    }

    public static JsonNode parseObject(String body) {
        if (body == null || body.isBlank()) throw new InvalidInput("the request body is empty: send a JSON object");
        try {
            return JsonInput.readObject(MAPPER, body);
        } catch (InvalidInput e) {
            throw new InvalidInput(e.getMessage().startsWith("not a JSON object")
                    ? "the request body must be a JSON object" : e.getMessage());
        }
    }

    public static Network network(JsonNode root) {
        JsonNode network = required(root, "network", "network");
        JsonNode layers = required(network, "layers", "network.layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw new InvalidInput("network.layers must be a non-empty array of layers");
        }
        if (layers.size() > MAX_LAYERS) {
            throw new InvalidInput("network.layers has " + layers.size() + " layers; at most " + MAX_LAYERS + " are allowed");
        }
        List<Layer> parsed = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            String path = "network.layers[" + l + "]";
            JsonNode layer = layers.get(l);
            if (!layer.isObject()) throw new InvalidInput(path + " must be an object with weights, biases and activation");
            double[][] weights = matrix(required(layer, "weights", path + ".weights"), path + ".weights");
            double[] biases = numbers(required(layer, "biases", path + ".biases"), path + ".biases");
            if (biases.length != weights.length) {
                throw new InvalidInput(path + ".biases has " + biases.length + " numbers but " + path + ".weights has "
                        + weights.length + " rows (one per neuron)");
            }
            if (l > 0 && weights[0].length != parsed.get(l - 1).outputs()) {
                throw new InvalidInput(path + ".weights has " + weights[0].length + " columns but layer " + (l - 1)
                        + " has " + parsed.get(l - 1).outputs() + " neurons: each row needs one weight per input");
            }
            Activation activation = activation(layer, path);
            if (!activation.elementwise() && l < layers.size() - 1) {
                throw new InvalidInput(path + ".activation: softmax is allowed on the last layer only (it turns the "
                        + "output scores into class probabilities)");
            }
            parsed.add(new Layer(weights, biases, activation, mask(layer, weights, path)));
        }
        return new Network(parsed);
    }

    /**
     * The optional "mask" of a locally connected layer: 0/1 rows shaped like "weights", 0 marking a weight
     * that does not exist and so must be 0.
     */
    private static double[][] mask(JsonNode layer, double[][] weights, String path) {
        JsonNode node = layer.get("mask");
        if (node == null || node.isNull()) return null;
        double[][] mask = matrix(node, path + ".mask");
        if (mask.length != weights.length || mask[0].length != weights[0].length) {
            throw new InvalidInput(path + ".mask is " + mask.length + "×" + mask[0].length + " but " + path
                    + ".weights is " + weights.length + "×" + weights[0].length + ": the mask has the shape of the weights");
        }
        for (int j = 0; j < mask.length; j++) {
            for (int i = 0; i < mask[j].length; i++) {
                if (mask[j][i] != 0 && mask[j][i] != 1) {
                    throw new InvalidInput(path + ".mask[" + j + "][" + i + "] must be 0 or 1, not " + mask[j][i]);
                }
                if (mask[j][i] == 0 && weights[j][i] != 0) {
                    throw new InvalidInput(path + ".weights[" + j + "][" + i + "] is masked (its mask entry is 0), so "
                            + "it must be 0, not " + weights[j][i]);
                }
            }
        }
        return mask;
    }

    /** Cross-entropy reads ŷ as probabilities, so the last layer must be softmax. */
    public static void checkLossFits(Loss loss, Network network) {
        Activation last = network.layer(network.depth() - 1).activation();
        if (loss.needsSoftmax() && last.kind() != Activation.Kind.SOFTMAX) {
            throw new InvalidInput("loss cross_entropy requires the last layer's activation to be softmax, not "
                    + last.id() + " (network.layers[" + (network.depth() - 1) + "].activation)");
        }
    }

    /** y must be a target the loss takes: a probability vector for cross-entropy, one-hot for multi-class hinge. */
    public static void checkTarget(Loss loss, double[] y, String path) {
        loss.problemWithTarget(y).ifPresent(problem -> {
            throw new InvalidInput(path + ": " + problem);
        });
    }

    private static Activation activation(JsonNode layer, String path) {
        JsonNode id = required(layer, "activation", path + ".activation");
        if (!id.isTextual()) throw new InvalidInput(path + ".activation must be a string");
        double slope = Activation.DEFAULT_LEAKY_SLOPE;
        if (layer.has("slope")) slope = finite(layer.get("slope"), path + ".slope");
        try {
            return Activation.of(id.asText(), slope);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("unknown activation '" + id.asText() + "' in " + path + ".activation; use one of "
                    + Arrays.stream(Activation.Kind.values()).map(k -> k.id).collect(Collectors.joining(", ")));
        }
    }

    public static Loss loss(JsonNode root) {
        JsonNode id = required(root, "loss", "loss");
        if (!id.isTextual()) throw new InvalidInput("loss must be a string");
        try {
            return Loss.fromId(id.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("unknown loss '" + id.asText() + "'; use one of "
                    + Arrays.stream(Loss.values()).map(l -> l.id).collect(Collectors.joining(", ")));
        }
    }

    public static double learningRate(JsonNode root) {
        JsonNode eta = required(root, "learningRate", "learningRate");
        if (!eta.isNumber() || !Double.isFinite(eta.asDouble()) || eta.asDouble() <= 0
                || eta.asDouble() > MAX_LEARNING_RATE) {
            throw new InvalidInput("learningRate must be a finite number greater than 0 and at most "
                    + (int) MAX_LEARNING_RATE + ", not " + eta);
        }
        return eta.asDouble();
    }

    /** One sample whose widths fit the network. */
    public static double[][] sample(JsonNode sample, String path, Network network) {
        if (!sample.isObject()) throw new InvalidInput(path + " must be an object with x and y");
        double[] x = numbers(required(sample, "x", path + ".x"), path + ".x");
        double[] y = numbers(required(sample, "y", path + ".y"), path + ".y");
        if (x.length != network.inputs()) {
            throw new InvalidInput(path + ".x has " + x.length + " numbers but the network takes " + network.inputs()
                    + " inputs");
        }
        if (y.length != network.outputs()) {
            throw new InvalidInput(path + ".y has " + y.length + " numbers but the network has " + network.outputs()
                    + " outputs");
        }
        return new double[][] {x, y};
    }

    public static List<double[][]> samples(JsonNode root, Network network) {
        JsonNode samples = required(root, "samples", "samples");
        if (!samples.isArray() || samples.isEmpty()) throw new InvalidInput("samples must be a non-empty array");
        if (samples.size() > MAX_SAMPLES) {
            throw new InvalidInput("samples has " + samples.size() + " entries; at most " + MAX_SAMPLES + " are allowed");
        }
        List<double[][]> out = new ArrayList<>();
        for (int s = 0; s < samples.size(); s++) out.add(sample(samples.get(s), "samples[" + s + "]", network));
        return out;
    }

    public static int epochs(JsonNode root) {
        JsonNode n = required(root, "epochs", "epochs");
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 1 || n.asInt() > MAX_EPOCHS) {
            throw new InvalidInput("epochs must be a whole number from 1 to " + MAX_EPOCHS + ", not " + n);
        }
        return n.asInt();
    }

    public static SampleOrder order(JsonNode root) {
        if (!root.has("order")) return SampleOrder.SEQUENTIAL;
        JsonNode o = root.get("order");
        try {
            if (!o.isTextual()) throw new IllegalArgumentException();
            return SampleOrder.fromId(o.asText());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("order must be \"sequential\" or \"shuffled\", not " + o);
        }
    }

    public static long seed(JsonNode root) {
        if (!root.has("seed")) return 0;
        JsonNode s = root.get("seed");
        if (!s.isIntegralNumber() || !s.canConvertToLong()) {
            throw new InvalidInput("seed must be a whole number, not " + s);
        }
        return s.asLong();
    }

    /** "batchSize": 1 to the number of samples; 1 (the lecture's SGD) when absent. */
    public static int batchSize(JsonNode root, int samples) {
        if (!root.has("batchSize") || root.get("batchSize").isNull()) return 1;
        JsonNode n = root.get("batchSize");
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 1 || n.asInt() > samples) {
            throw new InvalidInput("batchSize must be a whole number from 1 to the number of samples (" + samples
                    + "), not " + n);
        }
        return n.asInt();
    }

    /** The optional "regularization": {"kind": "l2" | "l1", "lambda": λ}, λ finite in [0, 10]. */
    public static Regularization regularization(JsonNode root) {
        JsonNode r = root.get("regularization");
        if (r == null || r.isNull()) return Regularization.NONE;
        if (!r.isObject()) {
            throw new InvalidInput("regularization must be an object like {\"kind\": \"l2\", \"lambda\": 0.01}, not " + r);
        }
        try {
            JsonInput.onlyKnown(r, java.util.Set.of("kind", "lambda"), "regularization.");
        } catch (InvalidInput e) {
            throw new InvalidInput(e.getMessage());
        }
        JsonNode kind = required(r, "kind", "regularization.kind");
        if (!kind.isTextual() || !(kind.asText().equals("l2") || kind.asText().equals("l1"))) {
            throw new InvalidInput("regularization.kind must be \"l2\" (R = ½ Σ w²) or \"l1\" (R = Σ |w|), not " + kind);
        }
        JsonNode lambda = required(r, "lambda", "regularization.lambda");
        if (!lambda.isNumber() || !Double.isFinite(lambda.asDouble()) || lambda.asDouble() < 0
                || lambda.asDouble() > Regularization.MAX_LAMBDA) {
            throw new InvalidInput("regularization.lambda must be a finite number from 0 to "
                    + (int) Regularization.MAX_LAMBDA + ", not " + lambda);
        }
        return new Regularization(Regularization.Kind.fromId(kind.asText()), lambda.asDouble());
    }

    private static JsonNode required(JsonNode parent, String field, String path) {
        return JsonInput.required(parent, field, path);
    }

    private static double[][] matrix(JsonNode node, String path) {
        return JsonInput.matrix(node, path, MAX_WIDTH);
    }

    public static double[] numbers(JsonNode node, String path) {
        return JsonInput.numbers(node, path, MAX_WIDTH);
    }

    private static double finite(JsonNode n, String path) {
        return JsonInput.finite(n, path);
    }

    // ---------------------------------------------------------------- writing

    /**
     * One sample's step: forward, loss, backward per layer and the new network. With regularization "loss" is
     * L + λR, "dataLoss" L, and dL_dW the gradient of the total (so new W = W − η·dL_dW); dL_db has no λ term.
     */
    public static ObjectNode stepResponse(BatchTrace t) {
        BatchTrace.Sample sample = t.samples().get(0);
        ObjectNode out = MAPPER.createObjectNode();
        forward(out, sample);
        losses(out, t);
        ArrayNode backward = out.putArray("backward");
        for (int l = 0; l < sample.backward().size(); l++) {
            StepTrace.LayerBackward b = sample.backward().get(l);
            ObjectNode layer = backward.addObject();
            layer.set("dL_df", array(b.dL_df()));
            layer.set("dL_da", array(b.dL_da()));
            layer.set("dL_dW", array(t.gradients().get(l).dTotal_dW()));
            layer.set("dL_db", array(t.gradients().get(l).dL_db()));
        }
        return after(out, t);
    }

    /**
     * A batch's step: "loss" the mean of the samples' losses (plus λR), "backward" the averaged gradients the
     * update used, and "perSample" each sample's forward pass, loss and gradients, in request order.
     */
    public static ObjectNode batchResponse(BatchTrace t) {
        ObjectNode out = MAPPER.createObjectNode();
        losses(out, t);
        ArrayNode backward = out.putArray("backward");
        for (BatchTrace.LayerGradient g : t.gradients()) {
            ObjectNode layer = backward.addObject();
            layer.set("dL_dW", array(g.dTotal_dW()));
            layer.set("dL_db", array(g.dL_db()));
        }
        ArrayNode perSample = out.putArray("perSample");
        for (BatchTrace.Sample sample : t.samples()) {
            ObjectNode entry = perSample.addObject();
            entry.put("loss", sample.loss());
            ArrayNode layers = entry.putArray("backward");
            for (StepTrace.LayerBackward b : sample.backward()) {
                ObjectNode layer = layers.addObject();
                layer.set("dL_dW", array(b.dL_dW()));
                layer.set("dL_db", array(b.dL_db()));
            }
            forward(entry, sample);
        }
        return after(out, t);
    }

    /** The sample's forward pass, layer by layer: a and f(a). */
    private static void forward(ObjectNode out, BatchTrace.Sample sample) {
        ArrayNode forward = out.putArray("forward");
        for (StepTrace.LayerForward f : sample.forward()) {
            ObjectNode layer = forward.addObject();
            layer.set("a", array(f.a()));
            layer.set("f", array(f.f()));
        }
    }

    /** The network after the update and its parameter count, which end every step's answer. */
    private static ObjectNode after(ObjectNode out, BatchTrace t) {
        out.set("network", network(t.after()));
        out.set("parameters", parameters(t.after().parameterCount()));
        return out;
    }

    private static void losses(ObjectNode out, BatchTrace t) {
        out.put("loss", t.loss());
        if (!t.regularization().none()) {
            out.put("dataLoss", t.dataLoss());
            out.put("lambdaR", t.lambdaR());
        }
    }

    public static ObjectNode network(Network network) {
        ObjectNode out = MAPPER.createObjectNode();
        ArrayNode layers = out.putArray("layers");
        for (Layer layer : network.layers()) {
            ObjectNode l = layers.addObject();
            l.set("weights", array(layer.weights()));
            l.set("biases", array(layer.biases()));
            l.put("activation", layer.activation().id());
            if (layer.activation().kind() == Activation.Kind.LEAKY_RELU) l.put("slope", layer.activation().slope());
            if (layer.masked()) l.set("mask", array(layer.mask()));
        }
        return out;
    }

    public static ObjectNode parameters(ParameterCount count) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("weights", count.weights());
        out.put("biases", count.biases());
        out.put("total", count.total());
        return out;
    }

    public static ObjectNode error(String message) {
        return MAPPER.createObjectNode().put("error", message);
    }

    private static ArrayNode array(Vec v) {
        ArrayNode a = MAPPER.createArrayNode();
        for (int i = 0; i < v.size(); i++) a.add(v.get(i));
        return a;
    }

    private static ArrayNode array(Mat m) {
        ArrayNode a = MAPPER.createArrayNode();
        for (int j = 0; j < m.rows(); j++) {
            ArrayNode row = a.addArray();
            for (int i = 0; i < m.columns(); i++) row.add(m.get(j, i));
        }
        return a;
    }
}

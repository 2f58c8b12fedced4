package netstep.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import netstep.data.Dataset;
import netstep.engine.Network;
import netstep.experiment.Config;
import netstep.experiment.ConfigForm;
import netstep.experiment.Experiment;
import netstep.experiment.JsonInput;
import netstep.experiment.StepRecord;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An experiment as a JSON file a student can download and load again: settings, data, the network in the
 * /api/step shape, the step count, the loss history and the step history.
 */
final class ExperimentJson {
    static final String FORMAT = "netstep-experiment";
    static final int VERSION = 1;
    private static final Set<String> TOP_LEVEL = Set.of("format", "version", "settings", "dataset", "network",
            "steps", "epochs", "lossHistory", "lossSteps", "history");
    private static final int MAX_HISTORY = 1_000_000;

    private ExperimentJson() {
    }

    static ObjectNode write(Experiment e) {
        ObjectNode out = ApiJson.MAPPER.createObjectNode();
        out.put("format", FORMAT);
        out.put("version", VERSION);
        ObjectNode settings = out.putObject("settings");
        ConfigForm form = ConfigForm.of(e.config());
        for (String field : ConfigForm.fields()) settings.put(field, form.value(field));
        ObjectNode data = out.putObject("dataset");
        Dataset d = e.config().data().raw().dataset(); // the points themselves; the settings name their features
        data.put("id", d.id());
        data.put("title", d.title());
        data.put("description", d.description());
        data.set("samples", samples(d.xs(), d.ys()));
        data.set("test", samples(d.testXs(), d.testYs()));
        out.set("network", ApiJson.network(e.network()));
        out.put("steps", e.steps());
        out.put("epochs", e.epochs());
        ArrayNode losses = out.putArray("lossHistory");
        e.lossHistory().forEach(losses::add);
        ArrayNode lossSteps = out.putArray("lossSteps");
        e.lossSteps().forEach(lossSteps::add);
        ArrayNode history = out.putArray("history");
        for (StepRecord r : e.records()) {
            history.addObject().put("step", r.step()).put("epoch", r.epoch()).put("sample", r.sampleIndex() + 1)
                    .put("loss", r.loss()).put("largestChange", r.largestChange()).put("learningRate", r.learningRate());
        }
        return out;
    }

    private static ArrayNode samples(List<double[]> xs, List<double[]> ys) {
        ArrayNode samples = ApiJson.MAPPER.createArrayNode();
        for (int s = 0; s < xs.size(); s++) {
            ObjectNode sample = samples.addObject();
            ArrayNode x = sample.putArray("x");
            for (double v : xs.get(s)) x.add(v);
            ArrayNode y = sample.putArray("y");
            for (double v : ys.get(s)) y.add(v);
        }
        return samples;
    }

    /** Loads a saved experiment into {@code e}; on any problem throws BadRequest and leaves {@code e} as it was. */
    static void read(String body, Experiment e) {
        read(ApiJson.parseObject(body), e);
    }

    /** The same, from JSON already parsed (the stored form wraps the file in an object of its own). */
    static void read(JsonNode root, Experiment e) {
        if (!root.isObject()) throw new BadRequest("the experiment file must be a JSON object");
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) throw new BadRequest("unknown field \"" + name + "\" in the experiment file");
        }
        if (!FORMAT.equals(root.path("format").asText()) || root.path("version").asInt() != VERSION) {
            throw new BadRequest("this is not a netstep experiment file (format \"" + FORMAT + "\", version " + VERSION + ")");
        }
        Dataset data = dataset(root.path("dataset"));
        Config config = settings(root.path("settings"), data);
        Network network = ApiJson.network(root);
        int steps = whole(root.path("steps"), "steps", 0, Integer.MAX_VALUE);
        List<Double> losses = new ArrayList<>();
        JsonNode history = root.path("lossHistory");
        if (!history.isArray() || history.isEmpty() || history.size() > steps + 1) {
            throw new BadRequest("lossHistory must list the mean loss at step 0 and after each step (or trained "
                    + "epoch): 1 to " + (steps + 1) + " values");
        }
        for (JsonNode v : history) {
            if (!v.isNumber()) throw new BadRequest("lossHistory holds numbers only, not " + v);
            losses.add(v.asDouble());
        }
        List<Integer> lossSteps = new ArrayList<>();
        JsonNode stepNumbers = root.path("lossSteps");
        if (stepNumbers.isMissingNode()) {
            for (int s = 0; s < losses.size(); s++) lossSteps.add(s);
        } else {
            if (!stepNumbers.isArray()) throw new BadRequest("lossSteps must be a list of step numbers");
            for (JsonNode n : stepNumbers) {
                if (!n.isIntegralNumber() || !n.canConvertToInt()) throw new BadRequest("lossSteps holds whole numbers only");
                lossSteps.add(n.asInt());
            }
        }
        List<StepRecord> records = new ArrayList<>();
        JsonNode recs = root.path("history");
        if (recs.isArray()) {
            if (recs.size() > MAX_HISTORY) throw new BadRequest("the history is too long");
            for (JsonNode r : recs) {
                records.add(new StepRecord(r.path("step").asInt(), r.path("epoch").asInt(), r.path("sample").asInt() - 1,
                        r.path("loss").asDouble(), r.path("largestChange").asDouble(), r.path("learningRate").asDouble()));
            }
        }
        if (!sameSamples(config.data().raw().dataset(), data)) {
            throw new BadRequest("the file's samples are not those of the dataset its settings name ("
                    + config.datasetId() + "); was the file edited?");
        }
        try {
            e.restore(config, network, steps, losses, lossSteps, records);
        } catch (IllegalArgumentException ex) {
            throw new BadRequest("the experiment file does not fit together: " + ex.getMessage());
        }
    }

    private static Dataset dataset(JsonNode node) {
        if (!node.isObject()) throw new BadRequest("missing field dataset");
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        List<double[]> testXs = new ArrayList<>();
        List<double[]> testYs = new ArrayList<>();
        JsonInput.samples(node.path("samples"), "dataset.samples", 1, ApiJson.MAX_SAMPLES, ApiJson.MAX_WIDTH, xs, ys);
        if (node.has("test")) {
            JsonInput.samples(node.path("test"), "dataset.test", 0, ApiJson.MAX_SAMPLES, ApiJson.MAX_WIDTH, testXs, testYs);
        }
        if (xs.size() + testXs.size() > ApiJson.MAX_SAMPLES) {
            throw new BadRequest("at most " + ApiJson.MAX_SAMPLES + " samples in all");
        }
        try {
            return new Dataset(text(node, "id", "custom"), text(node, "title", "Saved data"),
                    text(node, "description", ""), xs, ys, testXs, testYs);
        } catch (IllegalArgumentException ex) {
            throw new BadRequest("dataset: " + ex.getMessage());
        }
    }

    private static boolean sameSamples(Dataset a, Dataset b) {
        return equal(a.xs(), b.xs()) && equal(a.ys(), b.ys()) && equal(a.testXs(), b.testXs())
                && equal(a.testYs(), b.testYs());
    }

    private static boolean equal(List<double[]> a, List<double[]> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            if (!java.util.Arrays.equals(a.get(i), b.get(i))) return false;
        }
        return true;
    }

    private static Config settings(JsonNode node, Dataset data) {
        if (!node.isObject()) throw new BadRequest("missing field settings");
        Map<String, String> fields = new HashMap<>();
        node.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
        ConfigForm form = ConfigForm.parse(fields, data);
        return form.config().orElseThrow(() -> new BadRequest("settings: " + String.join(" ", form.errors().values())));
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) return fallback;
        String s = v.asText();
        return s.length() > 500 ? s.substring(0, 500) : s;
    }

    private static int whole(JsonNode n, String name, int min, int max) {
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < min || n.asInt() > max) {
            throw new BadRequest(name + " must be a whole number from " + min);
        }
        return n.asInt();
    }
}

package netstep.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import netstep.data.Dataset;
import netstep.engine.Bounds;
import netstep.engine.Network;
import netstep.experiment.Config;
import netstep.experiment.ConfigForm;
import netstep.experiment.Experiment;
import netstep.experiment.InvalidInput;
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
 * Over 300 lines on purpose: writing and reading the file side by side, so each field's rules stay in one place.
 */
public final class ExperimentJson {
    public static final String FORMAT = "netstep-experiment";
    public static final int VERSION = 1;
    private static final Set<String> TOP_LEVEL = Set.of("format", "version", "settings", "dataset", "network",
            "steps", "epochs", "lossHistory", "lossSteps", "history", "batchSample", "digits");
    /** How a loss that overflowed is written: JSON has no Infinity or NaN, and the file must load again. */
    public static final String INFINITY = "Infinity";
    public static final String NEGATIVE_INFINITY = "-Infinity";
    public static final String NAN = "NaN";

    private ExperimentJson() {
    }

    public static ObjectNode write(Experiment e) {
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
        // which sample of each batch the page shows, as the selector left it (from 1; absent with b = 1)
        if (e.config().batchSize() > 1) out.put("batchSample", e.chosenSampleOfBatches() + 1);
        out.put("digits", e.digits());
        ArrayNode losses = out.putArray("lossHistory");
        e.lossHistory().forEach(v -> addMeasured(losses, v));
        ArrayNode lossSteps = out.putArray("lossSteps");
        e.lossSteps().forEach(lossSteps::add);
        ArrayNode history = out.putArray("history");
        for (StepRecord r : e.records()) {
            ObjectNode row = history.addObject().put("step", r.step()).put("epoch", r.epoch())
                    .put("sample", r.sampleIndex() + 1);
            if (r.batched()) {
                ArrayNode rows = row.putArray("samples");
                r.samples().forEach(k -> rows.add(k + 1));
                row.put("batchSize", r.batchSize());
            }
            putMeasured(row, "loss", r.loss());
            if (Double.compare(r.loss(), r.dataLoss()) != 0) putMeasured(row, "dataLoss", r.dataLoss());
            putMeasured(row, "largestChange", r.largestChange());
            putMeasured(row, "learningRate", r.learningRate());
        }
        return out;
    }

    /** A measured value (a loss, a change): a number, or "Infinity", "-Infinity" or "NaN" once it overflowed. */
    private static void addMeasured(ArrayNode array, double v) {
        if (Double.isFinite(v)) array.add(v); else array.add(nonFinite(v));
    }

    private static void putMeasured(ObjectNode node, String field, double v) {
        if (Double.isFinite(v)) node.put(field, v); else node.put(field, nonFinite(v));
    }

    private static String nonFinite(double v) {
        return Double.isNaN(v) ? NAN : v > 0 ? INFINITY : NEGATIVE_INFINITY;
    }

    /** A measured value as {@link #addMeasured} writes it; null (or absent) reads as NaN. */
    private static double measured(JsonNode v, String path) {
        if (v == null || v.isNull() || v.isMissingNode()) return Double.NaN;
        if (v.isNumber()) return v.asDouble();
        if (v.isTextual()) {
            switch (v.asText()) {
                case INFINITY: return Double.POSITIVE_INFINITY;
                case NEGATIVE_INFINITY: return Double.NEGATIVE_INFINITY;
                case NAN: return Double.NaN;
                default: break;
            }
        }
        throw new InvalidInput(path + " must be a number, \"" + INFINITY + "\", \"" + NEGATIVE_INFINITY + "\" or \""
                + NAN + "\", not " + clip(v.toString()));
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
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

    /** Loads a saved experiment into {@code e}; on any problem throws InvalidInput and leaves {@code e} as it was. */
    public static void read(String body, Experiment e) {
        read(ApiJson.parseObject(body), e);
    }

    /** The same, from JSON already parsed (the stored form wraps the file in an object of its own). */
    public static void read(JsonNode root, Experiment e) {
        read(root, e, false);
    }

    /**
     * A state this app stored: as {@link #read}, except that a step history longer than an experiment now keeps
     * (stored before it was capped) loses its oldest rows instead of the whole state being refused.
     */
    public static void readStored(JsonNode root, Experiment e) {
        read(root, e, true);
    }

    private static void read(JsonNode root, Experiment e, boolean stored) {
        if (!root.isObject()) throw new InvalidInput("the experiment file must be a JSON object");
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!TOP_LEVEL.contains(name)) throw new InvalidInput("unknown field \"" + name + "\" in the experiment file");
        }
        if (!FORMAT.equals(root.path("format").asText()) || root.path("version").asInt() != VERSION) {
            throw new InvalidInput("this is not a netstep experiment file (format \"" + FORMAT + "\", version " + VERSION + ")");
        }
        Dataset data = dataset(root.path("dataset"));
        Config config = settings(root.path("settings"), data);
        Network network = ApiJson.network(root);
        // no longer than the app itself keeps, so a file costs no more to hold and write than a session does
        int steps = whole(root.path("steps"), "steps", 0, Bounds.MAX_STEPS);
        List<Double> losses = losses(root.path("lossHistory"), steps);
        List<Integer> lossSteps = lossSteps(root.path("lossSteps"), losses.size());
        List<StepRecord> records = records(root.path("history"), stored, steps, data);
        int digits = digits(root.path("digits"));
        if (!sameSamples(config.data().raw().dataset(), data)) {
            throw new InvalidInput("the file's samples are not those of the dataset its settings name ("
                    + config.datasetId() + "); was the file edited?");
        }
        int batchSample = root.has("batchSample")
                ? whole(root.path("batchSample"), "batchSample", 1, config.batchSize()) : 1;
        try {
            e.restore(config, network, steps, losses, lossSteps, records, batchSample - 1);
            e.setDigits(digits);
        } catch (IllegalArgumentException ex) {
            throw new InvalidInput("the experiment file does not fit together: " + ex.getMessage());
        }
    }

    /** The significant digits the pages show (2, 4 or 6); files written before the choice existed show 4. */
    private static int digits(JsonNode n) {
        if (n.isMissingNode()) return Experiment.DEFAULT_DIGITS;
        if (!n.isIntegralNumber() || !n.canConvertToInt() || (n.asInt() != 2 && n.asInt() != 4 && n.asInt() != 6)) {
            throw new InvalidInput("digits must be 2, 4 or 6 (significant digits shown), not " + clip(n.toString()));
        }
        return n.asInt();
    }

    /** The mean loss at step 0 and after each step or trained epoch: no more values than the app keeps. */
    private static List<Double> losses(JsonNode history, int steps) {
        int maxLosses = (int) Math.min(steps + 1L, Experiment.MAX_LOSS_VALUES + 1);
        List<Double> losses = new ArrayList<>();
        if (!history.isArray() || history.isEmpty() || history.size() > maxLosses) {
            throw new InvalidInput("lossHistory must list the mean loss at step 0 and after each step (or trained "
                    + "epoch): 1 to " + maxLosses + " values, not " + (history.isArray() ? history.size() : "none"));
        }
        for (int i = 0; i < history.size(); i++) losses.add(measured(history.get(i), "lossHistory[" + i + "]"));
        return losses;
    }

    /** The step after which each loss was measured; 0, 1, 2, ... in files written before they were. */
    private static List<Integer> lossSteps(JsonNode stepNumbers, int count) {
        List<Integer> lossSteps = new ArrayList<>();
        if (stepNumbers.isMissingNode()) {
            for (int s = 0; s < count; s++) lossSteps.add(s);
        } else {
            if (!stepNumbers.isArray() || stepNumbers.size() != count) {
                throw new InvalidInput("lossSteps must list one step number for each value of lossHistory ("
                        + count + ")");
            }
            for (JsonNode n : stepNumbers) {
                if (!n.isIntegralNumber() || !n.canConvertToInt()) throw new InvalidInput("lossSteps holds whole numbers only");
                lossSteps.add(n.asInt());
            }
        }
        return lossSteps;
    }

    /** The step history; a stored one longer than an experiment now keeps loses its oldest rows. */
    private static List<StepRecord> records(JsonNode recs, boolean stored, int steps, Dataset data) {
        List<StepRecord> records = new ArrayList<>();
        if (recs.isArray()) {
            int first = stored ? Math.max(0, recs.size() - Experiment.MAX_RECORDS) : 0;
            if (recs.size() - first > Math.min(steps, Experiment.MAX_RECORDS)) {
                throw new InvalidInput("history has " + recs.size() + " steps; at most " + Math.min(steps,
                        Experiment.MAX_RECORDS) + " (the steps taken, and at most the " + Experiment.MAX_RECORDS
                        + " an experiment keeps)");
            }
            int previous = 0;
            for (int i = first; i < recs.size(); i++) {
                JsonNode r = recs.get(i);
                String path = "history[" + i + "]";
                int step = whole(r.path("step"), path + ".step", previous + 1, steps);
                int sample = whole(r.path("sample"), path + ".sample", 1, data.size());
                int epoch = whole(r.path("epoch"), path + ".epoch", 1, Integer.MAX_VALUE);
                int batchSize = r.has("batchSize") ? whole(r.path("batchSize"), path + ".batchSize", 1, data.size()) : 1;
                double loss = measured(r.get("loss"), path + ".loss");
                records.add(new StepRecord(step, epoch, batchRows(r, path, sample, batchSize, data.size()), batchSize,
                        loss, r.has("dataLoss") ? measured(r.get("dataLoss"), path + ".dataLoss") : loss,
                        measured(r.get("largestChange"), path + ".largestChange"),
                        measured(r.get("learningRate"), path + ".learningRate")));
                previous = step;
            }
        }
        return records;
    }

    /** A history row's batch (rows from 0): "samples", from 1, starting with its "sample"; that one alone without. */
    private static List<Integer> batchRows(JsonNode r, String path, int sample, int batchSize, int n) {
        if (!r.has("samples")) return List.of(sample - 1);
        JsonNode list = r.path("samples");
        int most = Math.min(batchSize, StepRecord.LISTED);
        if (!list.isArray() || list.isEmpty() || list.size() > most) {
            throw new InvalidInput(path + ".samples must list 1 to " + most + " samples of the batch of " + batchSize);
        }
        List<Integer> rows = new ArrayList<>();
        for (int k = 0; k < list.size(); k++) rows.add(whole(list.get(k), path + ".samples[" + k + "]", 1, n) - 1);
        if (rows.get(0) != sample - 1) throw new InvalidInput(path + ".samples must start with its sample, " + sample);
        return rows;
    }

    private static Dataset dataset(JsonNode node) {
        if (!node.isObject()) throw new InvalidInput("missing field dataset");
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        List<double[]> testXs = new ArrayList<>();
        List<double[]> testYs = new ArrayList<>();
        JsonInput.samples(node.path("samples"), "dataset.samples", 1, ApiJson.MAX_SAMPLES, ApiJson.MAX_WIDTH, xs, ys);
        if (node.has("test")) {
            JsonInput.samples(node.path("test"), "dataset.test", 0, ApiJson.MAX_SAMPLES, ApiJson.MAX_WIDTH, testXs, testYs);
        }
        if (xs.size() + testXs.size() > ApiJson.MAX_SAMPLES) {
            throw new InvalidInput("at most " + ApiJson.MAX_SAMPLES + " samples in all");
        }
        try {
            return new Dataset(text(node, "id", "custom"), text(node, "title", "Saved data"),
                    text(node, "description", ""), xs, ys, testXs, testYs);
        } catch (IllegalArgumentException ex) {
            throw new InvalidInput("dataset: " + ex.getMessage());
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
        if (!node.isObject()) throw new InvalidInput("missing field settings");
        Map<String, String> fields = new HashMap<>();
        node.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
        ConfigForm form = ConfigForm.parse(fields, data);
        return form.config().orElseThrow(() -> new InvalidInput("settings: " + String.join(" ", form.errors().values())));
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) return fallback;
        String s = v.asText();
        return s.length() > 500 ? s.substring(0, 500) : s;
    }

    private static int whole(JsonNode n, String name, int min, int max) {
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < min || n.asInt() > max) {
            throw new InvalidInput(name + " must be a whole number from " + min + " to " + max + ", not "
                    + (n.isMissingNode() ? "missing" : clip(n.toString())));
        }
        return n.asInt();
    }
}

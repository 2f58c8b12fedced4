package netstep.json;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import netstep.data.CsvData;
import netstep.data.Dataset;
import netstep.engine.Layer;
import netstep.engine.Network;
import netstep.experiment.Config;
import netstep.experiment.ConfigForm;
import netstep.experiment.DataSource;
import netstep.experiment.InvalidInput;
import netstep.experiment.Phase;
import netstep.experiment.Tailoring;
import netstep.lesson.Lesson;
import netstep.lesson.LessonLibrary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a lesson file (JSON, documented in docs/lesson-format.md). Strict: an unknown field, an impossible size or a
 * setting the configuration form would refuse makes the whole lesson unavailable, with the reason.
 */
public final class LessonParser {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> TOP_LEVEL = Set.of("title", "explanation", "settings", "samples", "test",
            "network", "openOn", "hide", "lock", "variants");
    private static final Set<String> VARIANT = Set.of("label", "settings", "network");
    private static final int MAX_TITLE = 120;
    private static final int MAX_EXPLANATION = 4000;
    private static final int MAX_VARIANTS = 6;

    private LessonParser() {
    }

    /** The lesson library, its files read by this parser: the packaged ones and, unless null, those in {@code folder}. */
    public static LessonLibrary library(Path folder) {
        return LessonLibrary.load(folder, LessonParser::parse);
    }

    /** @throws InvalidInput naming what is wrong */
    public static Lesson parse(String id, String json) {
        JsonNode root = JsonInput.readObject(MAPPER, json);
        onlyKnown(root, TOP_LEVEL, "");
        String title = text(root, "title", MAX_TITLE, true);
        String explanation = text(root, "explanation", MAX_EXPLANATION, false);
        Dataset inline = root.has("samples") ? inlineData(id, title, root) : null;

        Map<String, String> base = settings(root.path("settings"), "settings");
        List<Lesson.Variant> variants = variants(root, base, inline, title);
        Phase openOn = Phase.READY;
        if (root.has("openOn")) {
            try {
                openOn = Phase.fromId(root.get("openOn").asText());
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("openOn must be one of ready, pick, forward, loss, backward, update, not "
                        + root.get("openOn"));
            }
        }
        Set<String> hidden = names(root.path("hide"), "hide", union(Tailoring.ACTIONS, Tailoring.PANELS));
        Set<String> locked = names(root.path("lock"), "lock", Set.copyOf(ConfigForm.fields()));
        return new Lesson(id, title, explanation, variants, openOn, hidden, locked, json);
    }

    /** The lesson's variants, each its settings over the lesson's own; one variant, the lesson itself, if none. */
    private static List<Lesson.Variant> variants(JsonNode root, Map<String, String> base, Dataset inline, String title) {
        List<Lesson.Variant> variants = new ArrayList<>();
        if (root.has("variants")) {
            JsonNode list = root.get("variants");
            if (!list.isArray() || list.isEmpty() || list.size() > MAX_VARIANTS) {
                throw new InvalidInput("variants must list 1 to " + MAX_VARIANTS + " variants");
            }
            for (int v = 0; v < list.size(); v++) {
                JsonNode variant = list.get(v);
                String path = "variants[" + v + "]";
                if (!variant.isObject()) throw new InvalidInput(path + " must be an object");
                onlyKnown(variant, VARIANT, path + ".");
                Map<String, String> merged = new HashMap<>(base);
                merged.putAll(settings(variant.path("settings"), path + ".settings"));
                Config config = config(merged, inline, path + ".settings");
                // a variant's own network replaces the lesson's; "network": null means "from the seed"
                JsonNode network = variant.has("network") ? variant.get("network") : root.get("network");
                variants.add(new Lesson.Variant(text(variant, "label", MAX_TITLE, true), config,
                        network == null || network.isNull() ? null : network(network, config, path + ".network")));
            }
        } else {
            Config config = config(base, inline, "settings");
            variants.add(new Lesson.Variant(title, config,
                    root.has("network") ? network(root.get("network"), config, "network") : null));
        }
        return variants;
    }

    private static Map<String, String> settings(JsonNode node, String path) {
        Map<String, String> fields = new HashMap<>();
        if (node.isMissingNode()) return fields;
        if (!node.isObject()) throw new InvalidInput(path + " must be an object");
        onlyKnown(node, Set.copyOf(ConfigForm.fields()), path + ".");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode v = f.getValue();
            if (v.isArray()) {
                List<String> parts = new ArrayList<>();
                v.forEach(n -> parts.add(n.asText()));
                fields.put(f.getKey(), String.join(",", parts));
            } else if (v.isValueNode()) {
                fields.put(f.getKey(), v.asText());
            } else {
                throw new InvalidInput(path + "." + f.getKey() + " must be a number, a string or a list of numbers");
            }
        }
        return fields;
    }

    /** The settings through the configuration form's own checks, over the defaults of the default page. */
    private static Config config(Map<String, String> settings, Dataset inline, String path) {
        Map<String, String> fields = new HashMap<>();
        ConfigForm defaults = ConfigForm.of(Config.defaults());
        for (String field : ConfigForm.fields()) fields.put(field, defaults.value(field));
        // a lesson's own dataset has no generator parameters: start them empty, so defaults of its own apply
        for (String field : List.of(ConfigForm.SIZE, ConfigForm.NOISE, ConfigForm.TEST_FRACTION, ConfigForm.DATA_SEED)) {
            fields.put(field, "");
        }
        fields.putAll(settings);
        if (inline != null) {
            if (settings.containsKey(ConfigForm.DATASET) && !CsvData.CUSTOM.equals(settings.get(ConfigForm.DATASET))) {
                throw new InvalidInput("a lesson with its own samples cannot also name dataset \""
                        + settings.get(ConfigForm.DATASET) + "\"");
            }
            fields.put(ConfigForm.DATASET, CsvData.CUSTOM);
        }
        ConfigForm form = ConfigForm.parse(fields, inline);
        if (!form.valid()) {
            List<String> problems = new ArrayList<>();
            form.errors().forEach((field, message) -> problems.add(path + "." + field + ": " + message));
            throw new InvalidInput(String.join(" ", problems));
        }
        return form.config().orElseThrow();
    }

    private static Network network(JsonNode node, Config config, String path) {
        if (!node.isObject()) throw new InvalidInput(path + " must be an object with layers");
        onlyKnown(node, Set.of("layers"), path + ".");
        JsonNode layers = JsonInput.required(node, "layers", path + ".layers");
        List<Integer> sizes = config.sizes();
        if (!layers.isArray() || layers.size() != sizes.size() - 1) {
            throw new InvalidInput(path + ".layers must list " + (sizes.size() - 1) + " layers for the network "
                    + sizes + " the settings describe");
        }
        List<Layer> parsed = new ArrayList<>();
        for (int l = 0; l < layers.size(); l++) {
            String lp = path + ".layers[" + l + "]";
            JsonNode layer = layers.get(l);
            if (!layer.isObject()) throw new InvalidInput(lp + " must be an object with weights and biases");
            onlyKnown(layer, Set.of("weights", "biases"), lp + ".");
            double[][] w = JsonInput.matrix(JsonInput.required(layer, "weights", lp + ".weights"), lp + ".weights",
                    Config.MAX_WIDTH);
            double[] b = JsonInput.numbers(JsonInput.required(layer, "biases", lp + ".biases"), lp + ".biases",
                    Config.MAX_WIDTH);
            if (w.length != sizes.get(l + 1) || w[0].length != sizes.get(l) || b.length != sizes.get(l + 1)) {
                throw new InvalidInput(lp + " must have a " + sizes.get(l + 1) + "×" + sizes.get(l) + " weight matrix and "
                        + sizes.get(l + 1) + " biases, as the settings' network " + sizes + " needs");
            }
            boolean last = l == layers.size() - 1;
            double[][] mask = config.masks().get(l);
            try {
                parsed.add(new Layer(w, b, last ? config.outputActivation() : config.hiddenActivation(), mask));
            } catch (IllegalArgumentException e) {
                // a locally connected layer's weights outside each neuron's window must be 0
                throw new InvalidInput(lp + ".weights: " + e.getMessage() + " (the settings make this layer locally "
                        + "connected)");
            }
        }
        return new Network(parsed);
    }

    private static Dataset inlineData(String id, String title, JsonNode root) {
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        List<double[]> testXs = new ArrayList<>();
        List<double[]> testYs = new ArrayList<>();
        JsonInput.samples(root.get("samples"), "samples", 1, Dataset.MAX_SAMPLES, Dataset.MAX_COLUMNS, xs, ys);
        if (root.has("test")) {
            JsonInput.samples(root.get("test"), "test", 0, Dataset.MAX_SAMPLES, Dataset.MAX_COLUMNS, testXs, testYs);
        }
        try {
            return new Dataset("lesson-" + id, "Lesson data (" + xs.get(0).length + " input"
                    + (xs.get(0).length == 1 ? "" : "s") + ", " + ys.get(0).length + " output"
                    + (ys.get(0).length == 1 ? "" : "s") + ", " + xs.size() + " samples)",
                    "The samples of the lesson \"" + title + "\".", xs, ys, testXs, testYs);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput("samples: " + e.getMessage());
        }
    }

    private static Set<String> names(JsonNode node, String path, Set<String> allowed) {
        Set<String> out = new LinkedHashSet<>();
        if (node.isMissingNode()) return out;
        if (!node.isArray()) throw new InvalidInput(path + " must be a list of names");
        for (JsonNode n : node) {
            if (!n.isTextual() || !allowed.contains(n.asText())) {
                throw new InvalidInput(path + " names " + n + ", which is not one of " + String.join(", ",
                        allowed.stream().sorted().toList()));
            }
            out.add(n.asText());
        }
        return out;
    }

    private static void onlyKnown(JsonNode node, Set<String> known, String path) {
        JsonInput.onlyKnown(node, known, path);
    }

    private static String text(JsonNode node, String field, int max, boolean required) {
        JsonNode v = node.get(field);
        if (v == null) {
            if (required) throw new InvalidInput("missing field " + field);
            return "";
        }
        if (!v.isTextual()) throw new InvalidInput(field + " must be a string");
        if (v.asText().length() > max) throw new InvalidInput(field + " is longer than " + max + " characters");
        if (required && v.asText().isBlank()) throw new InvalidInput(field + " is empty");
        return v.asText();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}

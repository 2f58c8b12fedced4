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
import netstep.experiment.Question;
import netstep.experiment.TraceRef;
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
 * Over 300 lines on purpose: one reader for one file format, its every field and rule side by side as the docs list them.
 */
public final class LessonParser {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> TOP_LEVEL = Set.of("title", "explanation", "settings", "samples", "test",
            "network", "openOn", "hide", "lock", "variants", "questions");
    private static final Set<String> QUESTION = Set.of("before", "kind", "about", "tolerance", "prompt", "options",
            "answer");
    private static final Set<String> OPTION = Set.of("label", "about");
    private static final int MAX_QUESTIONS = 12;
    private static final int MAX_OPTIONS = 6;
    private static final int MAX_PROMPT = 400;
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
        List<Question> questions = questions(root.path("questions"), variants);
        return new Lesson(id, title, explanation, variants, openOn, hidden, locked, json, questions);
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

    /**
     * The lesson's questions, each checked against every variant's network: a question about a number that some
     * variant's trace does not have is an error naming it.
     */
    private static List<Question> questions(JsonNode node, List<Lesson.Variant> variants) {
        List<Question> out = new ArrayList<>();
        if (node.isMissingNode()) return out;
        if (!node.isArray() || node.size() > MAX_QUESTIONS) {
            throw new InvalidInput("questions must be a list of at most " + MAX_QUESTIONS + " questions");
        }
        for (int q = 0; q < node.size(); q++) out.add(question(node.get(q), "questions[" + q + "]", variants));
        return out;
    }

    private static Question question(JsonNode question, String path, List<Lesson.Variant> variants) {
        if (!question.isObject()) throw new InvalidInput(path + " must be an object");
        onlyKnown(question, QUESTION, path + ".");
        Phase before = questionPhase(JsonInput.required(question, "before", path + ".before"), path);
        Question.Kind kind;
        try {
            kind = Question.Kind.fromId(JsonInput.required(question, "kind", path + ".kind").asText());
        } catch (InvalidInput e) {
            throw new InvalidInput(path + "." + e.getMessage());
        }
        String prompt = text(question, "prompt", MAX_PROMPT, true, path + ".");
        double tolerance = tolerance(question, kind, path);
        if (kind == Question.Kind.CHOICE) {
            if (question.has("about")) throw new InvalidInput(path + ": a choice names its numbers in its options");
            List<Question.Option> options = options(question, path, variants);
            return new Question(before, kind, null, tolerance, prompt, options, choiceAnswer(question, options, path));
        }
        if (question.has("options") || question.has("answer")) {
            throw new InvalidInput(path + ": only a choice has options and an answer; a " + kind.id
                    + " is judged by the trace");
        }
        TraceRef about = about(JsonInput.required(question, "about", path + ".about"), before, variants, path + ".about");
        return new Question(before, kind, about, tolerance, prompt, new ArrayList<>(), -1);
    }

    /** How far from the right number an answer may be: required for a number, 0 if left out otherwise. */
    private static double tolerance(JsonNode question, Question.Kind kind, String path) {
        if (question.has("tolerance")) {
            double tolerance = JsonInput.finite(question.get("tolerance"), path + ".tolerance");
            if (tolerance < 0) throw new InvalidInput(path + ".tolerance must be 0 or more");
            return tolerance;
        }
        if (kind == Question.Kind.NUMBER) {
            throw new InvalidInput("missing field " + path + ".tolerance: how far from the right number an "
                    + "answer may be and still count as right");
        }
        return 0;
    }

    private static List<Question.Option> options(JsonNode question, String path, List<Lesson.Variant> variants) {
        JsonNode list = JsonInput.required(question, "options", path + ".options");
        if (!list.isArray() || list.size() < 2 || list.size() > MAX_OPTIONS) {
            throw new InvalidInput(path + ".options must list 2 to " + MAX_OPTIONS + " options");
        }
        List<Question.Option> options = new ArrayList<>();
        for (int o = 0; o < list.size(); o++) {
            String op = path + ".options[" + o + "]";
            JsonNode option = list.get(o);
            if (!option.isObject()) throw new InvalidInput(op + " must be an object with a label");
            onlyKnown(option, OPTION, op + ".");
            TraceRef ref = option.has("about") ? about(option.get("about"), null, variants, op + ".about") : null;
            options.add(new Question.Option(text(option, "label", MAX_TITLE, true, op + "."), ref));
        }
        return options;
    }

    /** The right option's index, or -1 when every option names a number and the largest in size is right. */
    private static int choiceAnswer(JsonNode question, List<Question.Option> options, String path) {
        long named = options.stream().filter(o -> o.about() != null).count();
        if (!question.has("answer")) {
            if (named != options.size()) {
                throw new InvalidInput(path + ": give the right option as answer, or name a number (about) in "
                        + "every option so that the largest in size is right");
            }
            return -1;
        }
        JsonNode a = question.get("answer");
        if (!a.isInt() || a.asInt() < 0 || a.asInt() >= options.size()) {
            throw new InvalidInput(path + ".answer must be the index of an option, 0 to " + (options.size() - 1));
        }
        if (named > 0) throw new InvalidInput(path + ": options that name numbers are judged by the trace; "
                + "leave out answer");
        return a.asInt();
    }

    private static Phase questionPhase(JsonNode node, String path) {
        List<String> allowed = List.of("forward", "loss", "backward", "update");
        if (!node.isTextual() || !allowed.contains(node.asText())) {
            throw new InvalidInput(path + ".before must be the phase the question comes before: one of "
                    + String.join(", ", allowed) + ", not " + node);
        }
        return Phase.fromId(node.asText());
    }

    /**
     * The trace's number, checked in every variant's network and, unless {@code before} is null (a choice's options
     * may compare numbers on the page), not already on the page before the question.
     */
    private static TraceRef about(JsonNode node, Phase before, List<Lesson.Variant> variants, String path) {
        if (!node.isTextual()) throw new InvalidInput(path + " must name a number of the trace, e.g. forward[0].a[0]");
        TraceRef ref = null;
        for (Lesson.Variant v : variants) {
            try {
                ref = TraceRef.parse(node.asText(), v.config().sizes());
            } catch (InvalidInput e) {
                throw new InvalidInput(path + ": " + e.getMessage()
                        + (variants.size() > 1 ? " (in the variant \"" + v.label() + "\")" : ""));
            }
        }
        if (before != null && ref.shownAt().ordinal() < before.ordinal()) {
            throw new InvalidInput(path + ": " + ref.name() + " is already on the page in the " + ref.shownAt().label
                    + " phase, before the question is asked (before " + before.id + ")");
        }
        return ref;
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
        return text(node, field, max, required, "");
    }

    private static String text(JsonNode node, String field, int max, boolean required, String path) {
        JsonNode v = node.get(field);
        if (v == null) {
            if (required) throw new InvalidInput("missing field " + path + field);
            return "";
        }
        if (!v.isTextual()) throw new InvalidInput(path + field + " must be a string");
        if (v.asText().length() > max) throw new InvalidInput(path + field + " is longer than " + max + " characters");
        if (required && v.asText().isBlank()) throw new InvalidInput(path + field + " is empty");
        return v.asText();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }
}

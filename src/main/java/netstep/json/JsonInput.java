package netstep.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import netstep.engine.Bounds;
import netstep.experiment.InvalidInput;

import java.util.List;
import java.util.Set;

/**
 * Numbers, vectors and matrices read from JSON with messages that name the field, e.g.
 * "network.layers[1].weights[0] has 3 numbers; row 0 has 2". Shared by the JSON API, saved experiments and lessons.
 */
public final class JsonInput {
    private JsonInput() {
    }

    /** A JSON object from text; malformed JSON is reported with its line and column. */
    public static JsonNode readObject(ObjectMapper mapper, String text) {
        if (text == null || text.isBlank()) throw new InvalidInput("empty: send a JSON object");
        JsonNode root;
        try {
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidInput("malformed JSON" + where + ": " + problem(e));
        }
        if (root == null || !root.isObject()) throw new InvalidInput("not a JSON object");
        return root;
    }

    /** What is wrong, in a sentence: the parser's own message names its classes and settings. */
    private static String problem(JsonProcessingException e) {
        if (e instanceof JsonEOFException) return "the text ends before the JSON is complete";
        if (e instanceof StreamConstraintsException) {
            return "the JSON is nested too deeply, or holds a number or string that is too long";
        }
        if (e instanceof MismatchedInputException) return "there is more text after the JSON value";
        return "this is not valid JSON (check the quotes, commas and brackets there)";
    }

    /** Samples [{"x": [...], "y": [...]}, ...] into xs and ys, each at most {@code maxWidth} wide. */
    public static void samples(JsonNode list, String path, int atLeast, int atMost, int maxWidth,
                               List<double[]> xs, List<double[]> ys) {
        if (!list.isArray() || list.size() < atLeast || list.size() > atMost) {
            throw new InvalidInput(path + " must list " + atLeast + " to " + atMost + " samples");
        }
        for (int s = 0; s < list.size(); s++) {
            JsonNode sample = list.get(s);
            String sp = path + "[" + s + "]";
            if (!sample.isObject()) throw new InvalidInput(sp + " must be an object with x and y");
            onlyKnown(sample, Set.of("x", "y"), sp + ".");
            xs.add(numbers(required(sample, "x", sp + ".x"), sp + ".x", maxWidth));
            ys.add(numbers(required(sample, "y", sp + ".y"), sp + ".y", maxWidth));
        }
    }

    /** Rejects a field not in {@code known}, naming the known ones. */
    public static void onlyKnown(JsonNode node, Set<String> known, String path) {
        for (var names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidInput("unknown field \"" + path + name + "\"; known fields are "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    public static JsonNode required(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) throw new InvalidInput("missing field " + path);
        return node;
    }

    /** A number within {@link Bounds}: finite and at most {@link Bounds#MAX_MAGNITUDE} in size. */
    public static double finite(JsonNode n, String path) {
        if (!n.isNumber()) throw new InvalidInput(path + " must be a number, not " + n);
        double v = n.asDouble();
        String problem = Bounds.problem(v);
        if (problem != null) throw new InvalidInput(path + " " + problem);
        return v;
    }

    /** A non-empty array of at most {@code maxLength} finite numbers. */
    public static double[] numbers(JsonNode node, String path, int maxLength) {
        if (!node.isArray() || node.isEmpty()) throw new InvalidInput(path + " must be a non-empty array of numbers");
        if (node.size() > maxLength) {
            throw new InvalidInput(path + " has " + node.size() + " numbers; at most " + maxLength + " are allowed");
        }
        double[] out = new double[node.size()];
        for (int i = 0; i < node.size(); i++) out[i] = finite(node.get(i), path + "[" + i + "]");
        return out;
    }

    /** A rectangular array of rows (a row per neuron), each at most {@code maxWidth} long. */
    public static double[][] matrix(JsonNode node, String path, int maxWidth) {
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidInput(path + " must be a non-empty array of rows, one per neuron");
        }
        if (node.size() > maxWidth) {
            throw new InvalidInput(path + " has " + node.size() + " rows; a layer is at most " + maxWidth + " wide");
        }
        double[][] rows = new double[node.size()][];
        for (int j = 0; j < node.size(); j++) {
            if (node.get(j).isArray() && node.get(j).size() > maxWidth) {
                throw new InvalidInput(path + "[" + j + "] has " + node.get(j).size()
                        + " numbers; a layer takes at most " + maxWidth + " inputs");
            }
            rows[j] = numbers(node.get(j), path + "[" + j + "]", maxWidth);
            if (rows[j].length != rows[0].length) {
                throw new InvalidInput(path + " is ragged: row " + j + " has " + rows[j].length
                        + " numbers but row 0 has " + rows[0].length);
            }
        }
        return rows;
    }
}

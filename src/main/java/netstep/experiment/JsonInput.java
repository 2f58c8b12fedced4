package netstep.experiment;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Numbers, vectors and matrices read from JSON with messages that name the field, e.g.
 * "network.layers[1].weights[0] has 3 numbers; row 0 has 2". Shared by the JSON API, saved experiments and lessons.
 */
public final class JsonInput {
    private JsonInput() {
    }

    public static JsonNode required(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) throw new InvalidInput("missing field " + path);
        return node;
    }

    public static double finite(JsonNode n, String path) {
        if (!n.isNumber()) throw new InvalidInput(path + " must be a number, not " + n);
        double v = n.asDouble();
        if (!Double.isFinite(v)) throw new InvalidInput(path + " must be a finite number, not " + n);
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

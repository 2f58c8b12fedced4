package netstep.experiment;

import netstep.engine.StepTrace;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One number of a step's trace, named as the trace names it (0-based, as in the JSON API):
 * {@code x[i]}, {@code y[j]}, {@code forward[l].input[i] | a[j] | f[j]}, {@code lossTerms[j]}, {@code loss},
 * {@code backward[l].dL_df[j] | df_da[j] | dL_da[j] | dL_db[j] | dL_dx[i] | dL_dW[j][i]} and
 * {@code update[l].W[j][i] | b[j]} (the parameter's new value). Reading it from a trace is a lookup, never math.
 *
 * @param shownAt the phase whose page first shows this number
 */
public record TraceRef(String name, Phase shownAt, String part, String field, int layer, int row, int column) {
    private static final Pattern SIMPLE = Pattern.compile("(x|y|lossTerms)\\[(\\d{1,3})]");
    private static final Pattern LAYERED = Pattern.compile(
            "(forward|backward|update)\\[(\\d{1,2})]\\.([A-Za-z_]+)\\[(\\d{1,3})](?:\\[(\\d{1,3})])?");
    private static final List<String> FORWARD = List.of("input", "a", "f");
    private static final List<String> BACKWARD = List.of("dL_df", "df_da", "dL_da", "dL_db", "dL_dx", "dL_dW");
    private static final List<String> UPDATE = List.of("W", "b");

    /**
     * Reads {@code name} and checks it against the network's {@code sizes} (inputs, hidden widths, outputs).
     * @throws InvalidInput naming the number that does not exist, and why
     */
    public static TraceRef parse(String name, List<Integer> sizes) {
        String n = name == null ? "" : name.strip();
        int depth = sizes.size() - 1;
        int outputs = sizes.get(depth);
        if (n.equals("loss")) return new TraceRef(n, Phase.LOSS, "loss", "", 0, 0, 0);
        Matcher simple = SIMPLE.matcher(n);
        if (simple.matches()) {
            String part = simple.group(1);
            int index = Integer.parseInt(simple.group(2));
            int limit = part.equals("x") ? sizes.get(0) : outputs;
            within(n, index, limit, part.equals("x") ? "inputs" : "outputs");
            return new TraceRef(n, part.equals("lossTerms") ? Phase.LOSS : Phase.PICK, part, "", 0, index, 0);
        }
        Matcher m = LAYERED.matcher(n);
        if (!m.matches()) {
            throw new InvalidInput("\"" + n + "\" names no number of the trace: write e.g. forward[0].a[1], loss, "
                    + "backward[1].dL_dW[0][2] or update[0].W[0][0]");
        }
        String part = m.group(1);
        int layer = Integer.parseInt(m.group(2));
        String field = m.group(3);
        int row = Integer.parseInt(m.group(4));
        boolean matrix = m.group(5) != null;
        int column = matrix ? Integer.parseInt(m.group(5)) : 0;
        List<String> fields = part.equals("forward") ? FORWARD : part.equals("backward") ? BACKWARD : UPDATE;
        if (!fields.contains(field)) {
            throw new InvalidInput("\"" + n + "\": " + part + " has no " + field + "; it has "
                    + String.join(", ", fields));
        }
        boolean wantsMatrix = field.equals("dL_dW") || field.equals("W");
        if (matrix != wantsMatrix) {
            throw new InvalidInput("\"" + n + "\": " + field + (wantsMatrix ? " takes a row and a column, e.g. "
                    + field + "[0][1]" : " takes one index"));
        }
        if (layer >= depth) {
            throw new InvalidInput("\"" + n + "\" names layer " + layer + ", but the network " + sizes + " has "
                    + depth + " layer" + (depth == 1 ? " (layer 0)" : "s (0 to " + (depth - 1) + ")"));
        }
        int ins = sizes.get(layer);
        int outs = sizes.get(layer + 1);
        boolean inputSide = field.equals("input") || field.equals("dL_dx");
        within(n, row, inputSide ? ins : outs, inputSide ? "inputs" : "neurons");
        if (matrix) within(n, column, ins, "inputs");
        Phase shown = part.equals("forward") ? Phase.FORWARD : part.equals("backward") ? Phase.BACKWARD : Phase.UPDATE;
        return new TraceRef(n, shown, part, field, layer, row, column);
    }

    private static void within(String name, int index, int limit, String what) {
        if (index >= limit) {
            throw new InvalidInput("\"" + name + "\" does not exist: index " + index + " is out of range, there are "
                    + limit + " " + what + " (0 to " + (limit - 1) + ")");
        }
    }

    /** The number this names in {@code trace}. */
    public double valueIn(StepTrace trace) {
        return switch (part) {
            case "loss" -> trace.loss();
            case "x" -> trace.x().get(row);
            case "y" -> trace.y().get(row);
            case "lossTerms" -> trace.lossTerms().get(row);
            case "forward" -> {
                StepTrace.LayerForward f = trace.forward().get(layer);
                yield switch (field) {
                    case "input" -> f.input().get(row);
                    case "a" -> f.a().get(row);
                    default -> f.f().get(row);
                };
            }
            case "backward" -> {
                StepTrace.LayerBackward b = trace.backward().get(layer);
                yield switch (field) {
                    case "dL_df" -> b.dL_df().get(row);
                    case "df_da" -> b.df_da().get(row);
                    case "dL_da" -> b.dL_da().get(row);
                    case "dL_db" -> b.dL_db().get(row);
                    case "dL_dx" -> b.dL_dx().get(row);
                    default -> b.dL_dW().get(row, column);
                };
            }
            default -> field.equals("W") ? trace.after().layer(layer).weight(row, column)
                    : trace.after().layer(layer).bias(row);
        };
    }
}

package netstep.experiment;

import netstep.engine.Network;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One weight W_l[row, column] or bias b_l[row], 1-based as the page shows them, named like the page's cell ids:
 * "w2-1-3" is W₂[1,3], "b1-4" is b₁[4].
 */
public record ParameterRef(int layer, int row, int column) {
    private static final Pattern ID = Pattern.compile("([wb])(\\d{1,3})-(\\d{1,3})(?:-(\\d{1,3}))?");
    /** As the page writes it: W1[2,3], W₁[2, 3] or b2[1]. */
    private static final Pattern LABEL = Pattern.compile("([wb])(\\d{1,3})\\[\\s*(\\d{1,3})\\s*(?:,\\s*(\\d{1,3})\\s*)?]");
    private static final String SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";

    /** Reads "w1-2-3", "W1[2,3]", "W₁[2,3]", "b1-2" or "b₁[2]". */
    public static ParameterRef parse(String name) {
        String plain = normalise(name);
        Matcher m = ID.matcher(plain);
        if (!m.matches()) m = LABEL.matcher(plain);
        if (!m.matches() || (m.group(1).equals("w")) != (m.group(4) != null)) {
            throw new IllegalArgumentException("\"" + name + "\" names no weight or bias: write it as the tables do, "
                    + "e.g. W1[2,3] for layer 1, row 2, column 3, or b1[2] for a bias");
        }
        int column = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        return new ParameterRef(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), column);
    }

    private static String normalise(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : (name == null ? "" : name.strip()).toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            int digit = SUBSCRIPTS.indexOf(c);
            sb.append(digit >= 0 ? (char) ('0' + digit) : c);
        }
        return sb.toString();
    }

    public boolean bias() {
        return column == 0;
    }

    public String id() {
        return bias() ? "b" + layer + "-" + row : "w" + layer + "-" + row + "-" + column;
    }

    /** W₂[1,3] or b₁[4]. */
    public String label() {
        StringBuilder sub = new StringBuilder();
        for (char c : Integer.toString(layer).toCharArray()) sub.append(SUBSCRIPTS.charAt(c - '0'));
        return bias() ? "b" + sub + "[" + row + "]" : "W" + sub + "[" + row + "," + column + "]";
    }

    /** The same network with this parameter set to {@code value}; rejects a parameter the network lacks. */
    public Network applyTo(Network network, double value) {
        if (layer < 1 || layer > network.depth()) {
            throw new IllegalArgumentException("the network has no layer " + layer + "; it has " + network.depth());
        }
        var l = network.layer(layer - 1);
        if (row < 1 || row > l.outputs() || (!bias() && (column < 1 || column > l.inputs()))) {
            throw new IllegalArgumentException(label() + " is not in layer " + layer + ", whose W is "
                    + l.outputs() + "×" + l.inputs());
        }
        if (!bias() && !l.connected(row - 1, column - 1) && value != 0) {
            throw new IllegalArgumentException(label() + " is outside neuron " + row + "'s window: in a locally "
                    + "connected layer that weight does not exist, so it stays 0");
        }
        return bias() ? network.withBias(layer - 1, row - 1, value)
                : network.withWeight(layer - 1, row - 1, column - 1, value);
    }

    public double valueIn(Network network) {
        var l = network.layer(layer - 1);
        return bias() ? l.bias(row - 1) : l.weight(row - 1, column - 1);
    }
}

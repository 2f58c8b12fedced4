package netstep.view;

import netstep.engine.ParameterCount;

/**
 * Words for a locally connected layer (issue 13, the lecture's "connectivity patterns"): its weight count set
 * beside the fully connected count of the same sizes.
 */
final class LocalConnectionView {
    private LocalConnectionView() {
    }

    /**
     * e.g. "locally connected 16 neurons × 3×3 = 144 weights; fully connected it would be 64 × 16 = 1,024": a
     * square window when every neuron sees k² inputs.
     */
    static String weightsOfLayer(int in, int out, int weights) {
        String full = "fully connected it would be " + in + " × " + out + " = " + ParameterCount.grouped((long) in * out);
        if (weights % out == 0) {
            int each = weights / out;
            int k = (int) Math.round(Math.sqrt(each));
            String window = k * k == each ? k + "×" + k : String.valueOf(each);
            return "locally connected " + out + " neurons × " + window + " = " + ParameterCount.grouped(weights)
                    + " weights; " + full;
        }
        return "locally connected: " + ParameterCount.grouped(weights) + " of the " + ParameterCount.grouped((long) in * out)
                + " weights; " + full;
    }
}

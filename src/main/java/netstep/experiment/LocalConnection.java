package netstep.experiment;

import netstep.engine.Masks;
import netstep.engine.ParameterCount;

/**
 * The first layer as a locally connected layer (the lecture's "connectivity patterns", a sparse W): each neuron
 * sees one k×k window of the side×side input image, the windows placed every {@code stride} pixels. The mask
 * is fixed by these three numbers ({@link Masks#window}), so a configuration stores them and not the mask.
 */
public record LocalConnection(int window, int stride) {

    public LocalConnection {
        if (window < 1) throw new IllegalArgumentException("the window must be at least 1×1, not " + window);
        if (stride < 1) throw new IllegalArgumentException("the stride must be at least 1, not " + stride);
    }

    /** How many neurons the layer has on a side×side image: one per window position. */
    public int neurons(int side) {
        int along = Masks.positions(side, window, stride);
        return along * along;
    }

    /** Window positions along one side. */
    public int positions(int side) {
        return Masks.positions(side, window, stride);
    }

    /** True when the window fits the image. */
    public boolean fits(int side) {
        return window <= side;
    }

    public double[][] mask(int side) {
        return Masks.window(side, side, window, stride);
    }

    /** Weights that exist: k² per neuron. */
    public int weights(int side) {
        return neurons(side) * window * window;
    }

    /**
     * The lecture's count of both patterns side by side, e.g. "fully connected 64 × 16 = 1,024 weights; locally
     * connected 16 neurons × 3×3 = 144 weights".
     */
    public String comparison(int side) {
        int n = neurons(side);
        return "fully connected " + side * side + " × " + n + " = " + ParameterCount.grouped((long) side * side * n)
                + " weights; locally connected " + n + " neurons × " + window + "×" + window + " = "
                + ParameterCount.grouped(weights(side)) + " weights";
    }
}

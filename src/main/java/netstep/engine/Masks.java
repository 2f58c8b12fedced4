package netstep.engine;

/**
 * Masks of locally connected layers (the lecture's "sparse W"): each neuron sees only a k×k patch of an image.
 * Pixels are numbered row by row (pixel (r, c) of an h×w image is input r·w + c), and so are the neurons,
 * one per window position.
 */
public final class Masks {
    private Masks() {
    }

    /** How many window positions fit along a side of {@code side} pixels. */
    public static int positions(int side, int k, int stride) {
        return (side - k) / stride + 1;
    }

    /**
     * The 0/1 mask of a layer whose neurons each see one k×k window of an h×w image, the windows placed every
     * {@code stride} pixels from the top-left corner (no padding): a row per neuron, a column per pixel.
     */
    public static double[][] window(int h, int w, int k, int stride) {
        if (h < 1 || w < 1) throw new IllegalArgumentException("the image needs at least one pixel, not " + h + "×" + w);
        if (k < 1 || k > h || k > w) {
            throw new IllegalArgumentException("a " + k + "×" + k + " window does not fit a " + h + "×" + w + " image");
        }
        if (stride < 1) throw new IllegalArgumentException("the stride must be at least 1, not " + stride);
        int rows = positions(h, k, stride);
        int columns = positions(w, k, stride);
        double[][] mask = new double[rows * columns][h * w];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double[] neuron = mask[r * columns + c];
                for (int dr = 0; dr < k; dr++) {
                    for (int dc = 0; dc < k; dc++) neuron[(r * stride + dr) * w + c * stride + dc] = 1;
                }
            }
        }
        return mask;
    }

    /** W with every masked entry set to 0, so a layer can be built from any W and a mask. */
    public static double[][] apply(double[][] weights, double[][] mask) {
        double[][] out = new double[weights.length][];
        for (int j = 0; j < weights.length; j++) {
            out[j] = weights[j].clone();
            for (int i = 0; i < out[j].length; i++) if (mask[j][i] == 0) out[j][i] = 0;
        }
        return out;
    }
}

package netstep.view.render;


/**
 * ColorBrewer's PuOr diverging scheme (orange for negative, purple for positive, near-white at zero):
 * told apart by readers with the common forms of colour blindness, and still distinct on a washed-out projector.
 */
public final class Palette {
    public static final String NEGATIVE = "#b35806";
    public static final String POSITIVE = "#542788";
    private static final int[][] STOPS = {
            {0xb3, 0x58, 0x06}, {0xf1, 0xa3, 0x40}, {0xfe, 0xe0, 0xb6}, {0xf7, 0xf7, 0xf7},
            {0xd8, 0xda, 0xeb}, {0x99, 0x8e, 0xc3}, {0x54, 0x27, 0x88}};
    /** Heat maps use this many colour levels, which keeps their PNGs small and reads like contour bands. */
    public static final int LEVELS = 21;

    private Palette() {
    }

    /** The colour for t in [−1, 1] (clamped): −1 orange, 0 white, +1 purple. */
    public static int rgb(double t) {
        if (Double.isNaN(t)) return 0x808080;
        double u = (Math.max(-1, Math.min(1, t)) + 1) / 2 * (STOPS.length - 1);
        int i = Math.min((int) Math.floor(u), STOPS.length - 2);
        double f = u - i;
        int r = (int) Math.round(STOPS[i][0] + f * (STOPS[i + 1][0] - STOPS[i][0]));
        int g = (int) Math.round(STOPS[i][1] + f * (STOPS[i + 1][1] - STOPS[i][1]));
        int b = (int) Math.round(STOPS[i][2] + f * (STOPS[i + 1][2] - STOPS[i][2]));
        return (r << 16) | (g << 8) | b;
    }

    public static String hex(double t) {
        String digits = Integer.toHexString(rgb(t));
        return "#" + "000000".substring(digits.length()) + digits;
    }

    /** The level index (0 … LEVELS−1) for t in [−1, 1]. */
    public static int level(double t) {
        if (Double.isNaN(t)) return LEVELS / 2;
        double u = (Math.max(-1, Math.min(1, t)) + 1) / 2;
        return (int) Math.round(u * (LEVELS - 1));
    }

    public static double levelValue(int level) {
        return 2.0 * level / (LEVELS - 1) - 1;
    }

    public static String signColour(double v) {
        return v >= 0 ? POSITIVE : NEGATIVE;
    }
}

package netstep.view.render;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The one number format of a page, chosen by the student: 2, 4 or 6 significant digits, used alike by the diagram,
 * the phase panels and the trace, so the same number reads the same everywhere. Plain from 0.001 up to 100000
 * (never rounding away a digit before the point: 12345.678 is 12346 with 2 or 4 digits), scientific outside
 * (1.235e-04); trailing zeros dropped; ties rounded half up from the shortest decimal that reads back as the value,
 * as the tooltip's exact value shows it. Handed down from the page with the experiment, so no view keeps state.
 */
public record Digits(int significant) {
    public static final Digits TWO = new Digits(2);
    public static final Digits FOUR = new Digits(4);
    public static final Digits SIX = new Digits(6);
    /** What a new experiment shows. */
    public static final Digits DEFAULT = FOUR;
    /** The choices the workbench offers. */
    public static final List<Digits> CHOICES = List.of(TWO, FOUR, SIX);

    public Digits {
        if (significant != 2 && significant != 4 && significant != 6) {
            throw new IllegalArgumentException("2, 4 or 6 significant digits, not " + significant);
        }
    }

    /** The shared instance for a stored choice; the default for any other number. */
    public static Digits of(int significant) {
        return switch (significant) {
            case 2 -> TWO;
            case 6 -> SIX;
            default -> FOUR;
        };
    }

    /** v as the student reads it. */
    public String f(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (v == 0) return "0";
        double abs = Math.abs(v);
        if (abs >= 1e5 || abs < 1e-3) return scientific(v);
        String quick = plainQuickly(v);
        return quick != null ? quick : plainExactly(v);
    }

    /** Parenthesised when negative, for substituting into a formula: 2 · (−0.5). */
    public String inFormula(double v) {
        String s = f(v);
        return v < 0 ? "(" + s + ")" : s;
    }

    /** The mantissa's trailing zeros dropped: 1e-09, 1.5e+05. */
    private String scientific(double v) {
        String s = Decimal.scientific(v, significant - 1);
        int e = s.indexOf('e');
        int end = e;
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        return end == e ? s : s.substring(0, end) + s.substring(e);
    }

    /** How many decimals a plain number keeps: n significant digits, none cut before the point. */
    private int decimals(int exponent) {
        return Math.max(0, significant - 1 - exponent);
    }

    /** The plain form for 1e-3 ≤ |v| < 1e5 by BigDecimal: the reference the quick path must agree with. */
    public String plainExactly(double v) {
        BigDecimal shortest = new BigDecimal(Double.toString(v));
        int exponent = shortest.precision() - shortest.scale() - 1;
        String s = shortest.setScale(decimals(exponent), RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private static final double[] POWERS_OF_TEN = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    /**
     * {@link #plainExactly} for 1e-3 ≤ |v| < 1e5 in double and integer arithmetic, or null when v is too close to a
     * rounding tie to be sure of agreeing with it: a trace prints hundreds of numbers (DigitsTest compares them).
     */
    public String plainQuickly(double v) {
        double abs = Math.abs(v);
        // the comparisons with exact double constants agree with the shortest decimal's exponent: printing is monotonic
        int exponent = abs >= 1e4 ? 4 : abs >= 1e3 ? 3 : abs >= 100 ? 2 : abs >= 10 ? 1 : abs >= 1 ? 0
                : abs >= 0.1 ? -1 : abs >= 0.01 ? -2 : -3;
        int decimals = decimals(exponent); // 0 … 8
        double scaled = abs * POWERS_OF_TEN[decimals]; // below 1e6: a tie is told apart from 1e-6 away
        double fraction = scaled - Math.floor(scaled);
        if (Math.abs(fraction - 0.5) < 1e-6) return null;
        long units = Math.round(scaled);
        while (decimals > 0 && units % 10 == 0) {
            units /= 10;
            decimals--;
        }
        if (units == 0) return "0";
        StringBuilder out = new StringBuilder(12);
        if (v < 0) out.append('-');
        String digits = Long.toString(units);
        if (decimals == 0) return out.append(digits).toString();
        if (digits.length() > decimals) {
            return out.append(digits, 0, digits.length() - decimals).append('.')
                    .append(digits, digits.length() - decimals, digits.length()).toString();
        }
        out.append("0.");
        for (int k = digits.length(); k < decimals; k++) out.append('0');
        return out.append(digits).toString();
    }
}

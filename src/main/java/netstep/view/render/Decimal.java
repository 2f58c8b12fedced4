package netstep.view.render;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The output of {@code String.format(Locale.ROOT, "%.Nf" or "%.Ne", v)} for finite v, without the Formatter,
 * which parses its pattern and looks up locale symbols on every call: a page formats thousands of numbers.
 * Like the Formatter, it rounds half up the shortest decimal that reads back as v ({@link Double#toString}).
 */
public final class Decimal {
    private Decimal() {
    }

    /** As {@code "%.<decimals>f"}. */
    public static String fixed(double v, int decimals) {
        if (!Double.isFinite(v)) return nonFinite(v);
        String s = shortest(v).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
        return negativeZero(v, s) ? "-" + s : s;
    }

    /** As {@code "%.<decimals>e"}: one digit, the decimals, then e, the exponent's sign and at least two digits. */
    public static String scientific(double v, int decimals) {
        if (!Double.isFinite(v)) return nonFinite(v);
        BigDecimal rounded = shortest(v).round(new MathContext(decimals + 1, RoundingMode.HALF_UP));
        String digits = rounded.unscaledValue().abs().toString();
        int exponent = v == 0 ? 0 : digits.length() - 1 - rounded.scale();
        StringBuilder mantissa = new StringBuilder(digits); // at most decimals + 1 digits after rounding
        while (mantissa.length() < decimals + 1) mantissa.append('0');
        StringBuilder out = new StringBuilder(decimals + 8);
        if (v < 0 || 1 / v < 0) out.append('-');
        out.append(mantissa.charAt(0));
        if (decimals > 0) out.append('.').append(mantissa, 1, decimals + 1);
        out.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10) out.append('0');
        return out.append(magnitude).toString();
    }

    /** As the Formatter writes them; BigDecimal has no such values and would throw. */
    private static String nonFinite(double v) {
        return Double.isNaN(v) ? "NaN" : v > 0 ? "Infinity" : "-Infinity";
    }

    private static BigDecimal shortest(double v) {
        return new BigDecimal(Double.toString(v));
    }

    /** BigDecimal has no −0: "%.2f" of −0.001 is "-0.00". */
    private static boolean negativeZero(double v, String s) {
        return (v < 0 || 1 / v < 0) && s.charAt(0) != '-';
    }
}

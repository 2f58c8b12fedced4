package netstep.view.render;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;

import java.math.BigDecimal;

/**
 * Numbers as a student reads them: {@link #f} in the default {@link Digits} (the views given an experiment use its
 * own choice), three significant digits for the class dashboard's histogram bins, exact values for tooltips,
 * subscripts.
 */
public final class Num {
    private Num() {
    }

    /** The default format ({@link Digits#DEFAULT}), for what is not drawn in the student's own choice of digits. */
    public static String f(double v) {
        return Digits.DEFAULT.f(v);
    }

    /** Three significant digits, for labels where space is short (histogram bins): 0.332, −12.4, 1.2e+03. */
    public static String compact(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (v == 0) return "0";
        double abs = Math.abs(v);
        if (abs >= 1e4 || abs < 1e-3) return Decimal.scientific(v, 1);
        String quick = threeDigitsQuickly(v);
        if (quick != null) return quick;
        return compactExactly(v);
    }

    /** {@link #compact} for 1e-3 ≤ |v| < 1e4 by BigDecimal: v's exact binary value, rounded half up. */
    public static String compactExactly(double v) {
        String s = new BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    private static final double[] POWERS_OF_TEN = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    /**
     * {@link #compact} for 1e-3 ≤ |v| < 1e4 in double and integer arithmetic, or null when v is too close to a
     * rounding tie to be sure of agreeing with {@link #compactExactly}. A diagram labels every neuron.
     */
    public static String threeDigitsQuickly(double v) {
        double abs = Math.abs(v);
        // v = scaled · 10^(power − 2), with 100 ≤ scaled < 1000: three digits before the point
        int power = abs >= 1e3 ? 3 : abs >= 100 ? 2 : abs >= 10 ? 1 : abs >= 1 ? 0 : abs >= 0.1 ? -1 : abs >= 0.01 ? -2 : -3;
        int shift = 2 - power; // -1 … 5
        double scaled = shift >= 0 ? abs * POWERS_OF_TEN[shift] : abs / POWERS_OF_TEN[-shift];
        if (scaled < 100 || scaled > 1000) return null; // cannot happen: the comparisons above are exact
        double fraction = scaled - Math.floor(scaled);
        if (Math.abs(fraction - 0.5) < 1e-6) return null;
        long units = Math.round(scaled); // 100 … 1000
        int decimals = shift; // units · 10^-shift
        while (decimals > 0 && units % 10 == 0) {
            units /= 10;
            decimals--;
        }
        StringBuilder out = new StringBuilder(10);
        if (v < 0) out.append('-');
        String digits = Long.toString(units);
        if (decimals < 0) {
            out.append(digits);
            for (int k = decimals; k < 0; k++) out.append('0');
        } else if (decimals == 0) {
            out.append(digits);
        } else if (digits.length() > decimals) {
            out.append(digits, 0, digits.length() - decimals).append('.').append(digits, digits.length() - decimals, digits.length());
        } else {
            out.append("0.");
            for (int k = digits.length(); k < decimals; k++) out.append('0');
            out.append(digits);
        }
        return out.toString();
    }

    /** True when the shown text reads back as exactly v, so a tooltip would only repeat it. */
    public static boolean isExact(String shown, double v) {
        double quick = readQuickly(shown);
        if (!Double.isNaN(quick)) return quick == v;
        try {
            return Double.parseDouble(shown) == v;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * The double nearest to a plain decimal such as "-12.3456" (at most 15 digits, at most 9 after the point), as
     * {@link Double#parseDouble} reads it, or NaN for any other text. The digits and the power of ten are exact
     * doubles, so one correctly rounded division gives the nearest double.
     */
    public static double readQuickly(String s) {
        int n = s.length();
        int i = 0;
        boolean negative = n > 0 && s.charAt(0) == '-';
        if (negative) i++;
        if (i == n) return Double.NaN;
        long digits = 0;
        int count = 0;
        int decimals = -1;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.' && decimals < 0) {
                decimals = 0;
            } else if (c >= '0' && c <= '9') {
                digits = digits * 10 + (c - '0');
                if (++count > 15) return Double.NaN;
                if (decimals >= 0) decimals++;
            } else {
                return Double.NaN;
            }
        }
        if (count == 0 || decimals == 0 || decimals > 9) return Double.NaN;
        double value = decimals < 0 ? digits : digits / POWERS_OF_TEN[decimals];
        return negative ? -value : value;
    }

    /**
     * The exact value, for a tooltip: the shortest decimal that reads back as v, remembered for the values shown
     * most recently. Why Jackson's internal Schubfach (Double.toString's algorithm since Java 19): a page writes
     * hundreds of tooltips, and Java 17's Double.toString is several times slower and not always the shortest.
     */
    public static String exact(double v) {
        long bits = Double.doubleToRawLongBits(v);
        int slot = (int) (((bits ^ (bits >>> 29)) * 0x9E3779B97F4A7C15L) >>> (64 - EXACT_BITS));
        Exact known = EXACT[slot];
        if (known != null && known.bits == bits) return known.text;
        String text = DoubleToDecimal.toString(v);
        EXACT[slot] = new Exact(bits, text);
        return text;
    }

    /**
     * A value and its text. The same weights are written out several times on a page and in the phases of a step
     * (diagram, trace, weight tables), and Double.toString is the dearest part of a tooltip. Threads share the
     * slots without a lock: a record's fields are final, so a slot read is always a complete pair.
     */
    private record Exact(long bits, String text) {
    }

    private static final int EXACT_BITS = 12;
    private static final Exact[] EXACT = new Exact[1 << EXACT_BITS];

    /** Parenthesised when negative, for substituting into a formula: 2 · (−0.5). */
    public static String inFormula(double v) {
        return Digits.DEFAULT.inFormula(v);
    }

    private static final char[] SUBSCRIPTS = {'₀', '₁', '₂', '₃', '₄', '₅', '₆', '₇', '₈', '₉'};

    /** 12 → "₁₂", for layer indices as the lecture writes them (a₁, W₂, f₃). */
    public static String sub(int n) {
        StringBuilder sb = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) {
            sb.append(SUBSCRIPTS[c - '0']);
        }
        return sb.toString();
    }
}

package netstep.view;

import java.math.BigDecimal;

/** Numbers as a student reads them: up to 4 decimals, scientific only when very small or very large. */
public final class Num {
    private Num() {
    }

    public static String f(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (v == 0) return "0";
        double abs = Math.abs(v);
        if (abs >= 1e5 || abs < 1e-4) {
            return Decimal.scientific(v, 3);
        }
        String quick = fourDecimalsQuickly(v);
        if (quick != null) return quick;
        String fixed = Decimal.fixed(v, 4);
        String stripped = new BigDecimal(fixed).stripTrailingZeros().toPlainString();
        return stripped.equals("-0") ? "0" : stripped;
    }

    /**
     * {@link #f} for 1e-4 ≤ |v| < 1e5 from integer arithmetic, or null when v·10⁴ is too close to a rounding
     * tie to be sure of agreeing with the decimal rounding. A trace prints hundreds of numbers.
     */
    static String fourDecimalsQuickly(double v) {
        double scaled = Math.abs(v) * 10_000;
        double fraction = scaled - Math.floor(scaled);
        if (Math.abs(fraction - 0.5) < 1e-6) return null;
        long units = Math.round(scaled);
        if (units == 0) return "0";
        long whole = units / 10_000;
        int decimals = (int) (units % 10_000);
        StringBuilder out = new StringBuilder(12);
        if (v < 0) out.append('-');
        out.append(whole);
        if (decimals != 0) {
            String digits = Integer.toString(decimals + 10_000).substring(1); // zero-padded to four digits
            int end = 4;
            while (digits.charAt(end - 1) == '0') end--;
            out.append('.').append(digits, 0, end);
        }
        return out.toString();
    }

    /** Three significant digits, for labels in a diagram where space is short: 0.332, −12.4, 1.2e+03. */
    public static String compact(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (v == 0) return "0";
        double abs = Math.abs(v);
        if (abs >= 1e4 || abs < 1e-3) return Decimal.scientific(v, 1);
        String s = new BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** True when the shown text reads back as exactly v, so a tooltip would only repeat it. */
    static boolean isExact(String shown, double v) {
        try {
            return Double.parseDouble(shown) == v;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The exact value, for a tooltip. */
    public static String exact(double v) {
        return Double.toString(v);
    }

    /** Parenthesised when negative, for substituting into a formula: 2 · (−0.5). */
    public static String inFormula(double v) {
        String s = f(v);
        return v < 0 ? "(" + s + ")" : s;
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

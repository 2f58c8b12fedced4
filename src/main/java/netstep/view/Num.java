package netstep.view;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

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
            return String.format(Locale.ROOT, "%.3e", v);
        }
        // the same digits as String.format("%.4f") (half-up on the shortest decimal form), without its costly
        // per-call DecimalFormatSymbols: every number on the page goes through here
        String stripped = BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        return stripped.equals("-0") ? "0" : stripped;
    }

    /** Three significant digits, for labels in a diagram where space is short: 0.332, −12.4, 1.2e+03. */
    public static String compact(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        if (v == 0) return "0";
        double abs = Math.abs(v);
        if (abs >= 1e4 || abs < 1e-3) return String.format(Locale.ROOT, "%.1e", v);
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

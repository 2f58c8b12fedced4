package netstep.view.render;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumTest {
    @Test
    void fIsTheDefaultFormat() {
        Random random = new Random(9);
        for (int k = 0; k < 10_000; k++) {
            double v = (random.nextBoolean() ? -1 : 1) * Math.pow(10, random.nextInt(12) - 6) * random.nextDouble();
            assertEquals(Digits.DEFAULT.f(v), Num.f(v));
            assertEquals(Digits.DEFAULT.inFormula(v), Num.inFormula(v));
        }
        assertEquals("0.8145", Num.f(0.81452), "four significant digits");
    }

    @Test
    void compactsFastPathPrintsWhatBigDecimalPrinted() {
        Random random = new Random(11);
        double[] edges = {1e-3, -1e-3, 0.001, 0.0015, 0.00125, 0.1, 0.01, 1, -1, 10, 100, 1000, 9999.5, 9995, 999.5,
                99.95, 9.995, 0.9995, 0.09995, 0.009995, 0.1235, 0.3325, -0.3325, 12.45, 1.005, 2.675, 0.99999999,
                0.0999999999, 999.9999999, 123, 120, 0.5, 0.25, 1.5e-3, 3.14159, -2.71828};
        for (int k = 0; k < 300_000; k++) {
            double v = k < edges.length ? edges[k]
                    : (random.nextBoolean() ? -1 : 1) * Math.pow(10, random.nextInt(7) - 3) * (1 + 9 * random.nextDouble());
            if (k % 4 == 0 && k >= edges.length) { // on a tie of the third digit
                double p = Math.pow(10, Math.floor(Math.log10(Math.abs(v))) - 2);
                v = (Math.floor(v / p) + 0.5) * p;
            }
            if (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e4) continue;
            assertEquals(Num.compactExactly(v), Num.compact(v), "Num.compact(" + v + ")");
        }
    }

    @Test
    void readsPlainDecimalsAsParseDoubleDoes() {
        Random random = new Random(12);
        for (int k = 0; k < 300_000; k++) {
            double v = (random.nextBoolean() ? -1 : 1) * Math.pow(10, random.nextInt(14) - 6) * random.nextDouble();
            for (String shown : new String[] {Num.f(v), Num.compact(v), Svg.n(v), Double.toString(v)}) {
                double quick = Num.readQuickly(shown);
                if (!Double.isNaN(quick)) assertEquals(Double.parseDouble(shown), quick, shown);
                boolean exact;
                try {
                    exact = Double.parseDouble(shown) == v;
                } catch (NumberFormatException e) {
                    exact = false;
                }
                assertEquals(exact, Num.isExact(shown, v), shown + " for " + v);
            }
        }
        for (String odd : new String[] {"", "-", ".", "1.", "1e5", "1.2.3", "NaN", "∞", "−1", "0x10", "1234567890123456"}) {
            assertTrue(Double.isNaN(Num.readQuickly(odd)), odd);
        }
        assertEquals(0.1 + 0.2 == 0.3, Num.isExact("0.3", 0.1 + 0.2));
        assertTrue(Num.isExact("0", -0.0));
    }

    @Test
    void svgCoordinatesPrintWhatDecimalPrinted() {
        Random random = new Random(13);
        for (int k = 0; k < 300_000; k++) {
            double v = (random.nextBoolean() ? -1 : 1) * Math.pow(10, random.nextInt(10) - 3) * random.nextDouble();
            if (k % 3 == 0) v = Math.round(v * 100) / 100.0 + 0.005; // on a tie
            if (k % 7 == 0) v = 181.33333333333334 * (k % 5) + 22;
            if (v != Math.rint(v)) assertEquals(Decimal.fixed(v, 2), Svg.n(v), "Svg.n(" + v + ")");
            String quick = Svg.twoDecimalsQuickly(v);
            if (quick != null) assertEquals(Decimal.fixed(v, 2), quick, "twoDecimalsQuickly(" + v + ")");
        }
    }

    @Test
    void exactIsTheShortestDecimalWhetherRememberedOrNot() {
        Random random = new Random(14);
        double[] seen = new double[20_000];
        for (int k = 0; k < seen.length; k++) {
            double v = k % 3 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextGaussian();
            seen[k] = v;
            assertEquals(DoubleToDecimal.toString(v), Num.exact(v));
            double again = seen[random.nextInt(k + 1)];
            assertEquals(DoubleToDecimal.toString(again), Num.exact(again));
        }
        assertEquals("-0.0", Num.exact(-0.0));
        assertEquals("0.0", Num.exact(0.0));
        assertEquals("NaN", Num.exact(Double.NaN));
        assertEquals("-Infinity", Num.exact(Double.NEGATIVE_INFINITY));
    }

    @Test
    void theExactValueOfATooltipReadsBackAsTheSameDoubleInDoubleToStringsFormat() {
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 3) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> random.nextGaussian();
                default -> Math.round(random.nextGaussian() * 1e4) / 1e4;
            };
            if (Double.isNaN(v)) continue;
            String exact = Num.exact(v);
            assertEquals(v, Double.parseDouble(exact), 0.0, exact);
            assertEquals(Double.toString(v).contains("E"), exact.contains("E"), "the same notation as Double.toString: " + exact);
            assertTrue(exact.length() <= Double.toString(v).length(), "never longer: " + exact + " vs " + v);
        }
        assertEquals("0.1", Num.exact(0.1));
        assertEquals("-2.5E-5", Num.exact(-2.5e-5));
        assertEquals("1.0E7", Num.exact(1e7));
        assertEquals("Infinity", Num.exact(Double.POSITIVE_INFINITY));
    }
}

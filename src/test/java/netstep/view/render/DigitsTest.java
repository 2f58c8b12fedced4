package netstep.view.render;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DigitsTest {
    private static void shows(double v, String two, String four, String six) {
        assertEquals(two, Digits.TWO.f(v), "2 digits of " + v);
        assertEquals(four, Digits.FOUR.f(v), "4 digits of " + v);
        assertEquals(six, Digits.SIX.f(v), "6 digits of " + v);
    }

    @Test
    void eachFormatOnKnownValues() {
        shows(0.000123456, "1.2e-04", "1.235e-04", "1.23456e-04");
        shows(-0.0587, "-0.059", "-0.0587", "-0.0587");
        shows(12345.678, "12346", "12346", "12345.7");
        shows(1e-9, "1e-09", "1e-09", "1e-09");
        shows(-0.00373456, "-0.0037", "-0.003735", "-0.00373456");
        shows(0.8145268, "0.81", "0.8145", "0.814527");
        shows(123456.7, "1.2e+05", "1.235e+05", "1.23457e+05");
        shows(0, "0", "0", "0");
        shows(-0.0, "0", "0", "0");
        shows(Double.NaN, "NaN", "NaN", "NaN");
        shows(Double.NEGATIVE_INFINITY, "−∞", "−∞", "−∞");
        shows(9.99996, "10", "10", "9.99996");
        shows(2, "2", "2", "2");
    }

    @Test
    void tiesRoundHalfUpFromTheShortestDecimal() {
        shows(0.125, "0.13", "0.125", "0.125");
        shows(-0.125, "-0.13", "-0.125", "-0.125");
        shows(2.5, "2.5", "2.5", "2.5");
        shows(1.0005, "1", "1.001", "1.0005"); // the double is 1.000499999…, but it reads as 1.0005
        shows(0.0012345, "0.0012", "0.001235", "0.0012345");
        shows(12.345, "12", "12.35", "12.345");
        shows(0.00125, "0.0013", "0.00125", "0.00125");
        assertNull(Digits.FOUR.plainQuickly(1.0005), "a tie is left to the exact path");
    }

    @Test
    void inFormulaParenthesisesNegatives() {
        assertEquals("(-0.059)", Digits.TWO.inFormula(-0.0587));
        assertEquals("0.0587", Digits.SIX.inFormula(0.0587));
    }

    @Test
    void onlyTwoFourOrSix() {
        assertThrows(IllegalArgumentException.class, () -> new Digits(3));
        assertEquals(Digits.DEFAULT, Digits.of(99));
        assertEquals(Digits.SIX, Digits.of(6));
    }

    @Test
    void theQuickPathPrintsWhatBigDecimalPrinted() {
        Random random = new Random(21);
        double[] edges = {1e-3, -1e-3, 0.0015, 0.1, 0.01, 1, 10, 100, 1000, 1e4, 99999.5, 99999.99, 9999.95, 9.995,
                0.9995, 0.009995, 0.1 + 0.2, 0.99999999, 999.9999999, 1.5e-3, 3.14159, -2.71828, 0.0099999999};
        for (Digits d : Digits.CHOICES) {
            for (int k = 0; k < 200_000; k++) {
                double v = k < edges.length ? edges[k]
                        : (random.nextBoolean() ? -1 : 1) * Math.pow(10, random.nextInt(8) - 3) * (1 + 9 * random.nextDouble());
                if (k % 4 == 0 && k >= edges.length) { // on a tie of the last digit shown
                    double p = Math.pow(10, Math.min(0, Math.floor(Math.log10(Math.abs(v))) - d.significant() + 1));
                    v = (Math.floor(v / p) + 0.5) * p;
                }
                if (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5) continue;
                String quick = d.plainQuickly(v);
                if (quick != null) assertEquals(d.plainExactly(v), quick, d + " of " + v);
                assertEquals(d.plainExactly(v), d.f(v), d + " of " + v);
            }
        }
    }
}

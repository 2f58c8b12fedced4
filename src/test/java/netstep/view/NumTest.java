package netstep.view;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NumTest {
    /** What Num.f printed before its integer fast path: the Formatter's four decimals, trailing zeros dropped. */
    private static String formatterFourDecimals(double v) {
        String stripped = new BigDecimal(String.format(Locale.ROOT, "%.4f", v)).stripTrailingZeros().toPlainString();
        return stripped.equals("-0") ? "0" : stripped;
    }

    @Test
    void theFastPathPrintsWhatTheFormatterPrinted() {
        Random random = new Random(9);
        double[] edges = {1e-4, -1e-4, 0.00015, 0.00025, 1.00005, 2.5, 99999.99995, 99999.9999, 0.1 + 0.2, -3.14159265,
                12.34565, 0.99995, 1.99994999};
        for (int k = 0; k < 300_000; k++) {
            double v = k < edges.length ? edges[k]
                    : (random.nextBoolean() ? -1 : 1) * Math.pow(10, random.nextInt(9) - 4) * (1 + 9 * random.nextDouble());
            if (k % 4 == 0 && k >= edges.length) v = (Math.round(v * 1e4) + 0.5) / 1e4; // on a tie
            if (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e5) continue;
            assertEquals(formatterFourDecimals(v), Num.f(v), "Num.f(" + v + ")");
        }
    }
}

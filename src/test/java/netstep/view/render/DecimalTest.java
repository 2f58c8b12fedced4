package netstep.view.render;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Decimal replaces String.format on the rendering path; it must print exactly what the Formatter printed. */
class DecimalTest {
    private static final double[] EDGES = {0.0, -0.0, 0.5, -0.5, 0.125, 2.675, 1.005, 0.00005, -0.00004999, 9.99995,
            99999.99995, 1e-4, 9.9995e-5, 1.2345e-7, -6.0e-310, 1e300, 123456.789, -0.001, -0.0049, 0.995, 1e20};

    @Test
    void fixedAndScientificMatchTheFormatterOnEdgesAndRandomValues() {
        Random random = new Random(5);
        for (int k = 0; k < 200_000; k++) {
            double v = k < EDGES.length ? EDGES[k]
                    : (random.nextBoolean() ? -1 : 1) * Math.pow(10, random.nextInt(24) - 12) * random.nextDouble();
            if (k % 3 == 0 && k >= EDGES.length) v = Math.round(v * 1000) / 1000.0 + 0.0005; // ties at the cut
            for (int decimals : new int[] {1, 2, 3, 4}) {
                assertEquals(String.format(Locale.ROOT, "%." + decimals + "f", v), Decimal.fixed(v, decimals), "f " + v);
                assertEquals(String.format(Locale.ROOT, "%." + decimals + "e", v), Decimal.scientific(v, decimals), "e " + v);
            }
        }
    }

    @Test
    void hexColoursKeepSixDigits() {
        for (double t = -1; t <= 1; t += 0.01) {
            assertEquals(String.format(Locale.ROOT, "#%06x", Palette.rgb(t)), Palette.hex(t));
        }
    }
}

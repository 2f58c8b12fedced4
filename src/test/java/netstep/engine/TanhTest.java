package netstep.engine;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's tanh against StrictMath.tanh: within 3 ulp everywhere, equal on about seven arguments in ten, exact at the ends. */
class TanhTest {
    private static final double MAX_ULPS = 3;

    private static double ulpsOff(double x) {
        double expected = StrictMath.tanh(x);
        double actual = Tanh.tanh(x);
        if (Double.compare(expected, actual) == 0) return 0;
        double ulps = Math.abs(expected - actual) / Math.ulp(expected);
        assertTrue(ulps <= MAX_ULPS, () -> "tanh(" + x + ") = " + actual + ", StrictMath says " + expected);
        return ulps;
    }

    @Test
    void specialArgumentsAndTheEndsOfTheRange() {
        double[] edges = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 22, -22, 1, -1, 0x1p-55,
                0x1p-28, 0.5 * Math.log(2), 0.25 * Math.log(2), 28 * Math.log(2), 19.0, 19.1, 20, 355, 1e-300, 0.5,
                2, 3, 10, 21.999999999999996};
        for (double x : edges) {
            for (double nearby : new double[] {x, Math.nextUp(x), Math.nextDown(x), -x}) {
                double expected = StrictMath.tanh(nearby);
                // ±0, NaN, tiny arguments (tanh x = x) and saturation (±1) exactly as StrictMath has them
                if (Double.isNaN(nearby) || Math.abs(nearby) < 0x1p-27 || Math.abs(nearby) >= 19.1) {
                    assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(Tanh.tanh(nearby)),
                            "tanh(" + nearby + ")");
                } else {
                    ulpsOff(nearby);
                }
            }
        }
    }

    @Test
    void millionsOfArgumentsOverEveryScaleAreWithinThreeUlpAndMostEqual() {
        Random random = new Random(14);
        int equal = 0;
        int n = 0;
        for (int i = 0; i < 1_000_000; i++, n++) equal += ulpsOff((random.nextDouble() * 2 - 1) * 25) == 0 ? 1 : 0;
        for (int i = 0; i < 1_000_000; i++, n++) equal += ulpsOff((random.nextDouble() * 2 - 1) * 2.5) == 0 ? 1 : 0;
        for (int i = 0; i < 1_000_000; i++, n++) {
            equal += ulpsOff(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 30)) == 0 ? 1 : 0;
        }
        for (int i = 0; i < 200_000; i++) ulpsOff(Double.longBitsToDouble(random.nextLong())); // any bit pattern
        assertTrue(equal > 0.65 * n, "equal to StrictMath on " + equal + " of " + n);
    }

    @Test
    void oddAndNonDecreasing() {
        double previous = -1;
        for (double x = -20; x <= 20; x += 1e-4) {
            double f = Tanh.tanh(x);
            assertEquals(-f, Tanh.tanh(-x), 0.0);
            assertTrue(f >= previous, "tanh decreases at " + x);
            previous = f;
        }
    }
}

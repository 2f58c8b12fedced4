package netstep.engine;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pictures' tanh against StrictMath.tanh (the stepper's own {@link Tanh} is within 3 ulp of it). */
class BatchTanhTest {
    /** The error the pictures may have: far below a pixel's colour step (1/64 or so) and any printed digit. */
    static final double ABSOLUTE = 1e-15;

    private static double[] tanh(double[] xs) {
        double[] values = xs.clone();
        BatchTanh tanh = new BatchTanh(BatchForward.BLOCK);
        for (int from = 0; from < values.length; from += BatchForward.BLOCK) {
            int n = Math.min(BatchForward.BLOCK, values.length - from);
            double[] block = new double[n];
            System.arraycopy(values, from, block, 0, n);
            tanh.applyInPlace(block, n);
            System.arraycopy(block, 0, values, from, n);
        }
        return values;
    }

    private static void assertWithinAbsoluteError(double[] xs) {
        double[] fast = tanh(xs);
        double worst = 0;
        for (int k = 0; k < xs.length; k++) worst = Math.max(worst, Math.abs(fast[k] - StrictMath.tanh(xs[k])));
        assertTrue(worst <= ABSOLUTE, "worst absolute error " + worst);
    }

    @Test
    void withinOneEMinus15EverywhereOnADenseRange() {
        // every 1/4096 from −25 to 25, past where tanh rounds to ±1 (|x| ≈ 19.06) and the clamp at 20
        double[] xs = new double[50 * 4096 + 1];
        for (int k = 0; k < xs.length; k++) xs[k] = -25 + k / 4096.0;
        assertWithinAbsoluteError(xs);
    }

    @Test
    void withinOneEMinus15AtRandomPointsOfEveryScale() {
        Random random = new Random(11);
        double[] xs = new double[200_000];
        for (int k = 0; k < xs.length; k++) {
            // magnitudes from 1e-12 to 1e4, both signs
            xs[k] = (random.nextBoolean() ? 1 : -1) * Math.pow(10, -12 + 16 * random.nextDouble());
        }
        assertWithinAbsoluteError(xs);
    }

    @Test
    void smallValuesKeepTheirRelativeAccuracy() {
        // near 0 tanh x ≈ x: the series keeps the digits that 1 − 2/(e^2x + 1) would cancel away
        Random random = new Random(12);
        double[] xs = new double[100_000];
        for (int k = 0; k < xs.length; k++) xs[k] = (random.nextBoolean() ? 1 : -1) * Math.pow(10, -300 + 300 * random.nextDouble());
        double[] fast = tanh(xs);
        for (int k = 0; k < xs.length; k++) {
            double exact = StrictMath.tanh(xs[k]);
            assertEquals(exact, fast[k], 1e-14 * Math.abs(exact), "tanh(" + xs[k] + ")");
        }
    }

    @Test
    void specialValues() {
        double[] xs = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 20, -20, 19.06, -19.06,
                1e300, -1e300, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE,
                Double.MIN_NORMAL, 1e-300};
        double[] fast = tanh(xs);
        assertEquals(0.0, fast[0], 0.0);
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(fast[0]), "tanh(+0) = +0");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(fast[1]), "tanh(−0) = −0");
        assertTrue(Double.isNaN(fast[2]), "tanh(NaN) is NaN");
        assertEquals(1.0, fast[3], 0.0);
        assertEquals(-1.0, fast[4], 0.0);
        for (int k = 5; k < xs.length; k++) {
            assertEquals(StrictMath.tanh(xs[k]), fast[k], ABSOLUTE, "tanh(" + xs[k] + ")");
        }
        // where StrictMath says exactly ±1, so does the batch
        assertEquals(1.0, fast[5], 0.0);
        assertEquals(-1.0, fast[6], 0.0);
        assertEquals(1.0, fast[9], 0.0);
    }

    @Test
    void blocksAreLimitedToTheCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new BatchTanh(4).applyInPlace(new double[5], 5));
    }
}

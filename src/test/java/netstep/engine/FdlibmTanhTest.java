package netstep.engine;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Java port of fdlibm's tanh gives StrictMath.tanh's result bit for bit. */
class FdlibmTanhTest {
    private static void same(double x) {
        long expected = Double.doubleToRawLongBits(StrictMath.tanh(x));
        long actual = Double.doubleToRawLongBits(FdlibmTanh.tanh(x));
        if (expected != actual) {
            assertEquals(StrictMath.tanh(x), FdlibmTanh.tanh(x), 0.0, "tanh(" + x + ") = " + Double.toHexString(x));
            assertEquals(expected, actual, "tanh(" + x + "): the bits differ");
        }
    }

    @Test
    void specialArgumentsAndEveryBranchsEdges() {
        double[] edges = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
                -Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 22, -22, 1, -1, 0x1p-55,
                -0x1p-55, 0x1p-54, 0x1p-28, 0.5 * Math.log(2), 0.75 * Math.log(2), 28 * Math.log(2), 19.4, 19.5, 20,
                354.9, 355, 1e-300, 0.5, 2, 3, 10, 21.999999999999996};
        for (double x : edges) {
            for (double nearby : new double[] {x, Math.nextUp(x), Math.nextDown(x), -x}) same(nearby);
        }
    }

    @Test
    void millionsOfArgumentsOverEveryScale() {
        Random random = new Random(14);
        for (int i = 0; i < 2_000_000; i++) same((random.nextDouble() * 2 - 1) * 25);
        for (int i = 0; i < 1_000_000; i++) same((random.nextDouble() * 2 - 1) * 2.5);
        for (int i = 0; i < 1_000_000; i++) same(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 30));
        // any bit pattern: every exponent, NaNs with payloads included
        for (int i = 0; i < 1_000_000; i++) same(Double.longBitsToDouble(random.nextLong()));
    }
}

package netstep.view.render;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** Axes end and stay small whatever range they are given: infinite, NaN, huge, degenerate or too fine to step. */
class AxisTest {
    static final double[] EXTREMES = {0, 1, -1, 1e-300, -1e-300, 1e6, 1e17, 1e17 + 16, 1e300, 1e307, 1e308,
            -1e308, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN};

    static Stream<double[]> pairs() {
        List<double[]> pairs = new ArrayList<>();
        for (double a : EXTREMES) for (double b : EXTREMES) pairs.add(new double[] {a, b});
        Random random = new Random(17); // seeded: the same 200 random ranges every run
        for (int i = 0; i < 200; i++) {
            double a = Math.pow(10, random.nextInt(620) - 310) * (random.nextBoolean() ? 1 : -1);
            pairs.add(new double[] {a, a + Math.pow(10, random.nextInt(620) - 310)});
        }
        return pairs.stream();
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void aLinearAxisHasABoundedNumberOfFiniteTicksAndLabels(double[] range) {
        Axis axis = Axis.linear(range[0], range[1], 0, 100);
        assertTrue(Double.isFinite(axis.min()) && Double.isFinite(axis.max()) && axis.max() > axis.min(),
                "a finite, non-empty axis for " + range[0] + ".." + range[1] + ": " + axis);
        List<Double> ticks = axis.ticks();
        assertFalse(ticks.isEmpty());
        assertTrue(ticks.size() <= Axis.MAX_TICKS, ticks.size() + " ticks for " + range[0] + ".." + range[1]);
        for (double t : ticks) {
            assertTrue(Double.isFinite(t));
            assertFalse(axis.label(t).isEmpty());
            assertFalse(Svg.n(axis.pixel(t)).isEmpty());
        }
        for (double v : EXTREMES) {
            double px = axis.pixel(v);
            assertTrue(px >= -100 && px <= 200, "pixel of " + v + " stays near the axis: " + px);
        }
    }

    @ParameterizedTest
    @MethodSource("pairs")
    void aLogAxisHasABoundedNumberOfTicks(double[] range) {
        Axis axis = Axis.logarithmic(range[0], range[1], 0, 100);
        List<Double> ticks = axis.ticks();
        assertFalse(ticks.isEmpty());
        assertTrue(ticks.size() <= Axis.MAX_TICKS, ticks.size() + " ticks");
        for (double t : ticks) assertFalse(axis.label(t).isEmpty());
    }

    @Test
    void theRangeThatUsedToSpinGivesFewTicks() {
        // a CSV of ±1e308: the range overflowed to infinity, the step stayed 1, and the loop never ended
        Axis axis = Axis.linear(-1e308, 1e308, 0, 100);
        assertTrue(axis.ticks().size() <= Axis.MAX_TICKS);
        Axis infinite = Axis.linear(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 0, 100);
        assertTrue(infinite.ticks().size() <= Axis.MAX_TICKS);
    }

    @Test
    void anOrdinaryAxisKeepsTheTicksItHadBefore() {
        // for ordinary ranges the counted loop gives what the old floating-point loop gave
        Random random = new Random(5);
        for (int i = 0; i < 2_000; i++) {
            double a = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(12) - 4);
            double b = a + random.nextDouble() * Math.pow(10, random.nextInt(12) - 4);
            Axis axis = Axis.linear(a, b, 0, 100);
            List<Double> before = oldTicks(axis);
            List<Double> now = axis.ticks();
            String where = a + ".." + b + ": " + before + " against " + now;
            double step = now.size() > 1 ? now.get(1) - now.get(0) : 1;
            // min + i·step rather than a running sum: the same ticks up to rounding in the last bits, where the
            // running sum sometimes drifted past the axis's end and lost its last tick
            assertTrue(now.size() == before.size() || (now.size() == before.size() + 1
                    && Math.abs(now.get(now.size() - 1) - axis.max()) < Math.abs(step) * 1e-6 + 16 * Math.ulp(axis.max())), where);
            for (int t = 0; t < before.size(); t++) {
                assertEquals(before.get(t), now.get(t), Math.abs(step) * 1e-9 + 16 * Math.ulp(before.get(t)), where);
            }
        }
        assertEquals(List.of(1.0, 10.0, 100.0), Axis.logarithmic(1, 100, 0, 100).ticks());
    }

    /** The loop ticks() had before it was bounded by a count (it never ended for a range of ±1e308). */
    private static List<Double> oldTicks(Axis axis) {
        List<Double> ticks = new ArrayList<>();
        double min = axis.min();
        double max = axis.max();
        double raw = (max - min) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / magnitude;
        double step = (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * magnitude;
        if (min == 0 && max % 1 == 0 && step < 1 && max >= 1) step = 1;
        for (double v = min; v <= max + step * 1e-6; v += step) ticks.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        return ticks;
    }

    @Test
    void coordinatesAndDecimalsOfNonFiniteValuesAreWrittenNotThrown() {
        assertEquals("0", Svg.n(Double.NaN));
        assertEquals("1000000", Svg.n(Double.POSITIVE_INFINITY));
        assertEquals("-1000000", Svg.n(-1e308));
        assertEquals("NaN", Decimal.fixed(Double.NaN, 2));
        assertEquals("Infinity", Decimal.fixed(Double.POSITIVE_INFINITY, 2));
        assertEquals("-Infinity", Decimal.scientific(Double.NEGATIVE_INFINITY, 3));
        assertEquals(String.format(java.util.Locale.ROOT, "%.2f", 1e308), Decimal.fixed(1e308, 2));
    }
}

package netstep.view.render;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear or logarithmic axis from data values to pixels, with "nice" ticks (1, 2, 5 × 10ⁿ, or decades). Every
 * loop is bounded by a count, never by floating-point progress: a range that overflows, is NaN or is too narrow
 * for its numbers' precision still gives at most {@link #MAX_TICKS} ticks.
 */
public record Axis(double min, double max, boolean log, double fromPixel, double toPixel) {
    public static final int MAX_TICKS = 12;
    /** Ends beyond this are clamped: the width of the range then stays finite (2e300 < Double.MAX_VALUE). */
    public static final double LIMIT = 1e300;

    public static Axis linear(double min, double max, double fromPixel, double toPixel) {
        min = clamp(min);
        max = clamp(max);
        if (!(max > min)) {
            double centre = Double.isFinite(min) ? min : 0;
            min = centre - 1;
            max = centre + 1;
        }
        double step = niceStep((max - min) / 5);
        double lo = clamp(Math.floor(min / step) * step);
        double hi = clamp(Math.ceil(max / step) * step);
        if (!(hi > lo)) { // the numbers are too close together for their precision: widen to the next doubles
            lo = Math.nextDown(min);
            hi = Math.nextUp(max);
        }
        return new Axis(lo, hi, false, fromPixel, toPixel);
    }

    /** NaN to 0; ±∞ and anything beyond ±{@link #LIMIT} to ±LIMIT. */
    public static double clamp(double v) {
        if (Double.isNaN(v)) return 0;
        return Math.max(-LIMIT, Math.min(LIMIT, v));
    }

    /** An axis of whole numbers (steps, epochs): ticks never fall between two of them. */
    public static Axis counting(int max, double fromPixel, double toPixel) {
        double step = Math.max(1, niceStep(Math.max(1, max) / 5.0));
        return new Axis(0, Math.max(step, Math.ceil(Math.max(1, max) / step) * step), false, fromPixel, toPixel);
    }

    /** A log axis over positive values; min and max are widened to whole decades. */
    public static Axis logarithmic(double min, double max, double fromPixel, double toPixel) {
        double lo = Math.floor(Math.log10(min));
        double hi = Math.ceil(Math.log10(max));
        lo = Double.isFinite(lo) ? Math.max(-300, Math.min(299, lo)) : -300;
        hi = Double.isFinite(hi) ? Math.max(-300, Math.min(300, hi)) : 300;
        if (hi <= lo) hi = lo + 1;
        return new Axis(Math.pow(10, lo), Math.pow(10, hi), true, fromPixel, toPixel);
    }

    /** The pixel of {@code v}; a value beyond the axis (or ∞) lands at most one axis length outside it, NaN at its start. */
    public double pixel(double v) {
        double t = log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                : (v - min) / (max - min);
        if (Double.isNaN(t)) t = 0;
        t = Math.max(-1, Math.min(2, t));
        return fromPixel + t * (toPixel - fromPixel);
    }

    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            long first = Math.round(Math.log10(min));
            long last = Math.round(Math.log10(max));
            long decades = last - first;
            long stride = Math.max(1, (decades + MAX_TICKS - 2) / (MAX_TICKS - 1));
            for (long k = 0; k * stride <= decades && ticks.size() < MAX_TICKS; k++) {
                ticks.add(Math.pow(10, first + k * stride));
            }
            return ticks;
        }
        double step = niceStep((max - min) / 5);
        if (min == 0 && max % 1 == 0 && step < 1 && max >= 1) step = 1;
        // the ends are multiples of the step up to their own rounding, which for large ends is many ulps of the ratio
        double slack = 1e-6 + 8 * Math.ulp(Math.max(Math.abs(min), Math.abs(max))) / step;
        double count = Math.floor((max - min) / step + slack) + 1;
        if (!(count >= 1 && count <= MAX_TICKS)) { // degenerate or too fine for its numbers: just the two ends
            ticks.add(min);
            if (max != min) ticks.add(max);
            return ticks;
        }
        for (int i = 0; i < (int) count; i++) {
            double v = min + i * step;
            ticks.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
        return ticks;
    }

    public String label(double v) {
        if (log) {
            long e = Math.round(Math.log10(v));
            return e >= -2 && e <= 3 ? Num.f(v) : "1e" + e;
        }
        return Num.f(v);
    }

    private static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) return 1;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double r = raw / magnitude;
        double nice = r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10;
        return nice * magnitude;
    }
}

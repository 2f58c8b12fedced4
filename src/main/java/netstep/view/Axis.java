package netstep.view;

import java.util.ArrayList;
import java.util.List;

/** A linear or logarithmic axis from data values to pixels, with "nice" ticks (1, 2, 5 × 10ⁿ, or decades). */
record Axis(double min, double max, boolean log, double fromPixel, double toPixel) {

    static Axis linear(double min, double max, double fromPixel, double toPixel) {
        if (!(max > min)) {
            double centre = Double.isFinite(min) ? min : 0;
            min = centre - 1;
            max = centre + 1;
        }
        double step = niceStep((max - min) / 5);
        return new Axis(Math.floor(min / step) * step, Math.ceil(max / step) * step, false, fromPixel, toPixel);
    }

    /** An axis of whole numbers (steps, epochs): ticks never fall between two of them. */
    static Axis counting(int max, double fromPixel, double toPixel) {
        double step = Math.max(1, niceStep(Math.max(1, max) / 5.0));
        return new Axis(0, Math.max(step, Math.ceil(Math.max(1, max) / step) * step), false, fromPixel, toPixel);
    }

    /** A log axis over positive values; min and max are widened to whole decades. */
    static Axis logarithmic(double min, double max, double fromPixel, double toPixel) {
        double lo = Math.floor(Math.log10(min));
        double hi = Math.ceil(Math.log10(max));
        if (hi <= lo) hi = lo + 1;
        return new Axis(Math.pow(10, lo), Math.pow(10, hi), true, fromPixel, toPixel);
    }

    double pixel(double v) {
        double t = log ? (Math.log10(v) - Math.log10(min)) / (Math.log10(max) - Math.log10(min))
                : (v - min) / (max - min);
        return fromPixel + t * (toPixel - fromPixel);
    }

    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        if (log) {
            for (double e = Math.log10(min); e <= Math.log10(max) + 1e-9; e++) ticks.add(Math.pow(10, Math.round(e)));
            return ticks;
        }
        double step = niceStep((max - min) / 5);
        if (min == 0 && max % 1 == 0 && step < 1 && max >= 1) step = 1;
        for (double v = min; v <= max + step * 1e-6; v += step) ticks.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        return ticks;
    }

    String label(double v) {
        if (log) {
            int e = (int) Math.round(Math.log10(v));
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

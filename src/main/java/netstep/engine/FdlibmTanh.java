package netstep.engine;

/**
 * tanh as {@link StrictMath#tanh} computes it (fdlibm 5.3's s_tanh.c and s_expm1.c, the C code JDK 17 calls
 * natively), ported line by line to Java: the same operations in the same order, so the same result to the last
 * bit, which {@code FdlibmTanhTest} checks on millions of arguments. Why: on JDK 17 each StrictMath.tanh is a
 * native call of about 20 ns; a 2-8-8-1 tanh step makes 17 of them, half the untraced step's time (TrainCpuTime,
 * docs/training-controls.md). (JDK 21 made the same port in java.lang.FdLibm.)
 *
 * <p>fdlibm: Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved. Developed at SunSoft, a Sun
 * Microsystems, Inc. business. Permission to use, copy, modify, and distribute this software is freely granted,
 * provided that this notice is preserved.
 */
final class FdlibmTanh {
    private static final double ONE = 1.0;
    private static final double TWO = 2.0;
    private static final double TINY = 1.0e-300;
    private static final double LN2_HI = 6.93147180369123816490e-01; // 0x3fe62e42 fee00000
    private static final double LN2_LO = 1.90821492927058770002e-10; // 0x3dea39ef 35793c76
    private static final double INVLN2 = 1.44269504088896338700e+00; // 0x3ff71547 652b82fe
    // scaled coefficients related to expm1
    private static final double Q1 = -3.33333333333331316428e-02; // BFA11111 111110F4
    private static final double Q2 = 1.58730158725481460165e-03; // 3F5A01A0 19FE5585
    private static final double Q3 = -7.93650757867487942473e-05; // BF14CE19 9EAADBB7
    private static final double Q4 = 4.00821782732936239552e-06; // 3ED0CFCA 86E65239
    private static final double Q5 = -2.01099218183624371326e-07; // BE8AFDB7 6E09C32D

    private FdlibmTanh() {
    }

    private static int hi(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 32);
    }

    private static double withHi(double x, int high) {
        return Double.longBitsToDouble(((long) high << 32) | (Double.doubleToRawLongBits(x) & 0xffffffffL));
    }

    static double tanh(double x) {
        double t;
        double z;
        int jx = hi(x);
        int ix = jx & 0x7fffffff;
        if (ix >= 0x7ff00000) { // x is inf or NaN
            return jx >= 0 ? ONE / x + ONE : ONE / x - ONE;
        }
        if (ix < 0x40360000) { // |x| < 22
            if (ix < 0x3c800000) return x * (ONE + x); // |x| < 2^-55
            if (ix >= 0x3ff00000) { // |x| >= 1
                t = expm1From2To44(TWO * Math.abs(x));
                z = ONE - TWO / (t + TWO);
            } else {
                t = expm1FromMinus2(-TWO * Math.abs(x));
                z = -t / (t + TWO);
            }
        } else {
            z = ONE - TINY; // |x| >= 22: ±1
        }
        return jx >= 0 ? z : -z;
    }

    /*
     * s_expm1.c's expm1 in the two halves tanh calls it with: its statements in the same order, without the tests
     * whose outcome the range decides (NaN, overflow, the sign, the tiny argument, and k's impossible values), which
     * took a quarter of tanh's time (A/B in docs/performance.md).
     */

    /** expm1(x) for 2 ≤ x < 44 (tanh's 1 ≤ |x| < 22): argument reduction with k = round(x / ln2) ≥ 3. */
    private static double expm1From2To44(double x) {
        int k = (int) (INVLN2 * x + 0.5);
        double t = k;
        double hi = x - t * LN2_HI; // t·ln2_hi is exact here
        double lo = t * LN2_LO;
        x = hi - lo;
        double c = (hi - x) - lo;
        double e = primaryRange(x);
        double hxs = x * (0.5 * x);
        e = (x * (e - c) - c);
        e -= hxs;
        double y;
        if (k > 56) { // exp(x) − 1 suffices
            y = ONE - (e - x);
            y = withHi(y, hi(y) + (k << 20)); // add k to y's exponent
            return y - ONE;
        }
        if (k < 20) {
            t = withHi(ONE, 0x3ff00000 - (0x200000 >> k)); // t = 1 − 2^−k
            y = t - (e - x);
        } else {
            t = withHi(ONE, (0x3ff - k) << 20); // 2^−k
            y = x - (e + t);
            y += ONE;
        }
        return withHi(y, hi(y) + (k << 20));
    }

    /** expm1(x) for −2 < x ≤ −2^−54 (tanh's 2^−55 ≤ |x| < 1): k is 0, −1, −2 or −3. */
    private static double expm1FromMinus2(double x) {
        int hx = hi(x) & 0x7fffffff;
        int k = 0;
        double c = 0;
        if (hx > 0x3fd62e42) { // |x| > 0.5 ln2
            double hi;
            double lo;
            if (hx < 0x3FF0A2B2) { // and |x| < 1.5 ln2
                hi = x + LN2_HI;
                lo = -LN2_LO;
                k = -1;
            } else {
                k = (int) (INVLN2 * x - 0.5);
                double t = k;
                hi = x - t * LN2_HI;
                lo = t * LN2_LO;
            }
            x = hi - lo;
            c = (hi - x) - lo;
        }
        double e = primaryRange(x);
        double hxs = x * (0.5 * x);
        if (k == 0) return x - (x * e - hxs); // c is 0
        e = (x * (e - c) - c);
        e -= hxs;
        if (k == -1) return 0.5 * (x - e) - 0.5;
        double y = ONE - (e - x); // k ≤ −2: exp(x) − 1 suffices
        y = withHi(y, hi(y) + (k << 20));
        return y - ONE;
    }

    /** x in the primary range [−0.5 ln2, 0.5 ln2]: s_expm1.c's e (hfx = x/2, hxs = x·hfx, r1, t). */
    private static double primaryRange(double x) {
        double hfx = 0.5 * x;
        double hxs = x * hfx;
        double r1 = ONE + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
        double t = 3.0 - r1 * hfx;
        return hxs * ((r1 - t) / (6.0 - x * t));
    }
}

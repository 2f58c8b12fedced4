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
    private static final double HUGE = 1.0e+300;
    private static final double O_THRESHOLD = 7.09782712893383973096e+02; // 0x40862E42 FEFA39EF
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

    private static int lo(double x) {
        return (int) Double.doubleToRawLongBits(x);
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
                t = expm1(TWO * Math.abs(x));
                z = ONE - TWO / (t + TWO);
            } else {
                t = expm1(-TWO * Math.abs(x));
                z = -t / (t + TWO);
            }
        } else {
            z = ONE - TINY; // |x| >= 22: ±1
        }
        return jx >= 0 ? z : -z;
    }

    /** One method of 89 lines, as fdlibm's s_expm1.c is one function: kept line by line so it can be read beside it. */
    static double expm1(double x) {
        double y;
        double hi;
        double lo;
        double c = 0;
        double t;
        double e;
        double hxs;
        double hfx;
        double r1;
        int k;
        int hx = hi(x);
        int xsb = hx & 0x80000000;
        y = xsb == 0 ? x : -x;
        hx &= 0x7fffffff;

        // huge and non-finite arguments
        if (hx >= 0x4043687A) { // |x| >= 56 ln2
            if (hx >= 0x40862E42) { // |x| >= 709.78...
                if (hx >= 0x7ff00000) {
                    if (((hx & 0xfffff) | lo(x)) != 0) return x + x; // NaN
                    return xsb == 0 ? x : -1.0; // exp(±inf) − 1 = {inf, −1}
                }
                if (x > O_THRESHOLD) return HUGE * HUGE; // overflow
            }
            if (xsb != 0) { // x < −56 ln2: −1
                if (x + TINY < 0.0) return TINY - ONE;
            }
        }

        // argument reduction
        if (hx > 0x3fd62e42) { // |x| > 0.5 ln2
            if (hx < 0x3FF0A2B2) { // and |x| < 1.5 ln2
                if (xsb == 0) {
                    hi = x - LN2_HI;
                    lo = LN2_LO;
                    k = 1;
                } else {
                    hi = x + LN2_HI;
                    lo = -LN2_LO;
                    k = -1;
                }
            } else {
                k = (int) (INVLN2 * x + (xsb == 0 ? 0.5 : -0.5));
                t = k;
                hi = x - t * LN2_HI; // t·ln2_hi is exact here
                lo = t * LN2_LO;
            }
            x = hi - lo;
            c = (hi - x) - lo;
        } else if (hx < 0x3c900000) { // |x| < 2^-54: x
            t = HUGE + x;
            return x - (t - (HUGE + x));
        } else {
            k = 0;
        }

        // x is now in the primary range
        hfx = 0.5 * x;
        hxs = x * hfx;
        r1 = ONE + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
        t = 3.0 - r1 * hfx;
        e = hxs * ((r1 - t) / (6.0 - x * t));
        if (k == 0) return x - (x * e - hxs); // c is 0
        e = (x * (e - c) - c);
        e -= hxs;
        if (k == -1) return 0.5 * (x - e) - 0.5;
        if (k == 1) {
            if (x < -0.25) return -2.0 * (e - (x + 0.5));
            return ONE + 2.0 * (x - e);
        }
        if (k <= -2 || k > 56) { // exp(x) − 1 suffices
            y = ONE - (e - x);
            y = withHi(y, hi(y) + (k << 20)); // add k to y's exponent
            return y - ONE;
        }
        t = ONE;
        if (k < 20) {
            t = withHi(t, 0x3ff00000 - (0x200000 >> k)); // t = 1 − 2^−k
            y = t - (e - x);
            y = withHi(y, hi(y) + (k << 20));
        } else {
            t = withHi(t, (0x3ff - k) << 20); // 2^−k
            y = x - (e + t);
            y += ONE;
            y = withHi(y, hi(y) + (k << 20));
        }
        return y;
    }
}

package netstep.engine;

import org.jblas.DoubleMatrix;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;

/**
 * Matrix products (the linear collapse's). jblas multiplies a matrix by a vector in Java, but a matrix
 * by a matrix in native BLAS, which needs libgfortran.so.5 on the host. Where that is missing the
 * native call throws {@link UnsatisfiedLinkError}; we detect it once and fall back to a Java loop.
 *
 * <p>Neither the step nor the batched forward pass calls native BLAS: jblas's JNI wrappers copy every
 * array argument in (and the result back out), so for one sample dgemv and dger measured no faster than
 * a Java loop at width 128 and slower at 512 (dger ~2× slower), and for the batch ({@link BatchForward}) the
 * copies of a 10,000-sample grid cost more than the arithmetic.
 */
public final class MatrixProducts {
    private static final Logger LOG = LoggerFactory.getLogger(MatrixProducts.class);
    private static volatile Boolean nativeAvailable;

    private MatrixProducts() {
    }

    /** Uses the plain-Java product from now on, even where native BLAS would load (-Dnetstep.blas=java). */
    public static void useJavaOnly() {
        synchronized (MatrixProducts.class) {
            nativeAvailable = false;
        }
    }

    /** True when jblas's native BLAS loaded; detected on first call and logged once. */
    public static boolean nativeAvailable() {
        Boolean known = nativeAvailable;
        if (known == null) {
            synchronized (MatrixProducts.class) {
                if (nativeAvailable == null) {
                    nativeAvailable = detect(MatrixProducts::probeNative);
                    if (!nativeAvailable) {
                        LOG.warn("Native BLAS is not available (libgfortran.so.5 is missing): using the plain-Java "
                                + "matrix product. For the faster path install it, e.g. 'apt-get install libgfortran5'.");
                    }
                }
                known = nativeAvailable;
            }
        }
        return known;
    }

    /** Runs the probe, treating a missing or unloadable native library as "not available". */
    static boolean detect(BooleanSupplier probe) {
        try {
            return probe.getAsBoolean();
        } catch (UnsatisfiedLinkError | NoClassDefFoundError | ExceptionInInitializerError e) {
            return false;
        }
    }

    private static boolean probeNative() {
        silenceJblas();
        DoubleMatrix a = new DoubleMatrix(new double[][] {{1, 2}, {3, 4}});
        DoubleMatrix product = a.mmul(a);
        return product.get(0, 0) == 7 && product.get(1, 1) == 22;
    }

    /** jblas logs INFO lines to stderr when it unpacks its native libraries; students need not see them. */
    public static void silenceJblas() {
        org.jblas.util.Logger.getLogger().setLevel(org.jblas.util.Logger.ERROR + 1);
    }

    /**
     * Products smaller than this many multiply-adds stay in Java. Measured in thread CPU time (PicturesCpuTime,
     * docs/performance.md, issue 13), native wins 3.6× to 4.8× at the digits' sizes (575,040 to 3,680,256
     * multiply-adds: 10×32 by 32×1,797 up to 32×64 by 64×1,797), so every digits layer goes native. It won in CPU time
     * at 20,480 too, but the page's small products (the linear-collapse panel, at most 64 wide) stay below: jblas
     * copies every operand into native memory and back on each call, and under a class's load those copies once
     * left the C heap fragmented (resident memory +250 MB in three minutes against none with -Dnetstep.blas=java).
     */
    static final long NATIVE_MIN_WORK = 1L << 19;

    /** a · b: on native BLAS when it is there and the product is large enough to pay for the call. */
    public static DoubleMatrix multiply(DoubleMatrix a, DoubleMatrix b) {
        if (b.columns == 1 || nativeAvailable() && (long) a.rows * a.columns * b.columns >= NATIVE_MIN_WORK) {
            return a.mmul(b);
        }
        return multiplyInJava(a, b);
    }

    /** a · b in plain Java: column-major loops in the order that reads both operands sequentially. */
    public static DoubleMatrix multiplyInJava(DoubleMatrix a, DoubleMatrix b) {
        if (a.columns != b.rows) {
            throw new IllegalArgumentException("cannot multiply " + a.rows + "×" + a.columns
                    + " by " + b.rows + "×" + b.columns);
        }
        DoubleMatrix c = new DoubleMatrix(a.rows, b.columns);
        double[] ad = a.data;
        double[] bd = b.data;
        double[] cd = c.data;
        int m = a.rows;
        int k = a.columns;
        for (int col = 0; col < b.columns; col++) {
            int cOffset = col * m;
            for (int p = 0; p < k; p++) {
                double bpc = bd[col * k + p];
                if (bpc == 0) continue;
                int aOffset = p * m;
                for (int row = 0; row < m; row++) {
                    cd[cOffset + row] += ad[aOffset + row] * bpc;
                }
            }
        }
        return c;
    }
}

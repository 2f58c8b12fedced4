package netstep.bench;

import netstep.engine.MatrixProducts;
import org.jblas.DoubleMatrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * W·X with jblas's native product (which copies both operands into native memory and the result back) and
 * with {@link MatrixProducts#multiplyInJava}, at the sizes of the pictures' layers: these decide
 * {@link MatrixProducts#multiply}'s threshold.
 */
@State(Scope.Benchmark)
public class ProductBenchmark {
    /** rows × inner × columns of W·X: a layer of {rows} neurons over {inner} inputs for {columns} samples. */
    @Param({"32x64x1797", "10x64x1797", "10x32x1797", "32x64x256", "16x16x256", "10x32x64"})
    public String product;

    private DoubleMatrix w;
    private DoubleMatrix x;

    @Setup
    public void setUp() {
        MatrixProducts.silenceJblas();
        String[] dims = product.split("x");
        w = DoubleMatrix.rand(Integer.parseInt(dims[0]), Integer.parseInt(dims[1]));
        x = DoubleMatrix.rand(Integer.parseInt(dims[1]), Integer.parseInt(dims[2]));
    }

    @Benchmark
    public DoubleMatrix productNative() {
        return w.mmul(x);
    }

    @Benchmark
    public DoubleMatrix productJava() {
        return MatrixProducts.multiplyInJava(w, x);
    }
}

package netstep.bench;

import netstep.data.Dataset;
import netstep.data.Datasets;
import netstep.engine.Activation;
import netstep.engine.Evaluation;
import netstep.engine.Loss;
import netstep.engine.MatrixProducts;
import netstep.engine.Network;
import netstep.engine.Sgd;
import netstep.engine.StepTrace;
import netstep.engine.Vec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;

/**
 * The pictures' whole-dataset work: the digits (1,797 images) through 64-10 and 64-32-10, one matrix product per
 * layer, as {@link MatrixProducts#multiply} chooses (native above its threshold) and in plain Java throughout;
 * and one SGD step of 64-32-10 softmax / cross-entropy with its trace.
 */
@State(Scope.Benchmark)
public class PicturesBenchmark {
    private Network linear;
    private Network mlp;
    private double[][] xs;
    private double[][] ys;
    private final Sgd sgd = new Sgd(Loss.CROSS_ENTROPY, 0.1);
    private int next;

    @Setup
    public void setUp() {
        MatrixProducts.silenceJblas();
        Dataset digits = Datasets.byId(Datasets.DIGITS).orElseThrow();
        // all 1,797: the training and the test images
        xs = concat(digits.xMatrix(), digits.testXMatrix());
        ys = concat(digits.yMatrix(), digits.testYMatrix());
        linear = Network.initialise(List.of(64, 10), Activation.IDENTITY, Activation.SOFTMAX, 1);
        mlp = Network.initialise(List.of(64, 32, 10), Activation.RELU, Activation.SOFTMAX, 1);
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Benchmark
    public Evaluation evaluate64x10() {
        return Evaluation.of(linear, Loss.CROSS_ENTROPY, xs, ys);
    }

    @Benchmark
    public Evaluation evaluate64x32x10() {
        return Evaluation.of(mlp, Loss.CROSS_ENTROPY, xs, ys);
    }

    @Benchmark
    public Evaluation evaluate64x10Java() {
        return Evaluation.ofInJava(linear, Loss.CROSS_ENTROPY, xs, ys);
    }

    @Benchmark
    public Evaluation evaluate64x32x10Java() {
        return Evaluation.ofInJava(mlp, Loss.CROSS_ENTROPY, xs, ys);
    }

    @Benchmark
    public StepTrace step64x32x10() {
        int s = next++ % xs.length;
        return sgd.step(mlp, Vec.of(xs[s]), Vec.of(ys[s]));
    }
}

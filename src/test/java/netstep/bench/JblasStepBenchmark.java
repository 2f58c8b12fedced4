package netstep.bench;

import netstep.data.Dataset;
import netstep.data.Datasets;
import netstep.engine.Activation;
import netstep.engine.Loss;
import netstep.engine.MatrixProducts;
import netstep.engine.Network;
import netstep.engine.Sgd;
import netstep.engine.Trainer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;

/**
 * Issue 15: the untraced SGD step (batch 1) with the engine's hand-written loops against the same step in jblas's
 * operations ({@link JblasSgd}), at the bulk-training network and at the digits' MLP. Each operation is one step.
 */
@State(Scope.Benchmark)
public class JblasStepBenchmark {
    static final String XOR = "2-8-8-1 tanh";
    static final String DIGITS = "64-32-10 relu softmax";

    @Param({XOR, DIGITS})
    public String network;

    private Trainer trainer;
    private JblasSgd jblas;
    private double[][] xs;
    private double[][] ys;
    private int next;

    @Setup
    public void setUp() {
        MatrixProducts.silenceJblas();
        Network start;
        Loss loss;
        if (network.equals(XOR)) {
            start = TrainBenchmark.xorNetwork();
            double[][][] points = TrainBenchmark.xorPoints();
            xs = points[0];
            ys = points[1];
            loss = Loss.L2;
        } else {
            start = Network.initialise(List.of(64, 32, 10), Activation.RELU, Activation.SOFTMAX, 1);
            Dataset digits = Datasets.byId(Datasets.DIGITS).orElseThrow();
            xs = digits.xMatrix();
            ys = digits.yMatrix();
            loss = Loss.CROSS_ENTROPY;
        }
        trainer = new Sgd(loss, TrainBenchmark.ETA).trainer(start);
        jblas = new JblasSgd(start, loss, TrainBenchmark.ETA);
    }

    @Benchmark
    public boolean engineLoops() {
        int s = next++ % xs.length;
        return trainer.step(xs[s], ys[s]);
    }

    @Benchmark
    public double jblasOperations() {
        int s = next++ % xs.length;
        return jblas.step(xs[s], ys[s]);
    }
}

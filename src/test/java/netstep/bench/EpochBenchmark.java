package netstep.bench;

import netstep.engine.Loss;
import netstep.engine.Network;
import netstep.engine.SampleOrder;
import netstep.engine.Sgd;
import netstep.engine.Training;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One epoch of per-sample SGD over 1,000 samples through 2-8-8-1, with the mean loss after it. */
@State(Scope.Benchmark)
public class EpochBenchmark {
    static final int SAMPLES = 1000;

    private Network network;
    private double[][] xs;
    private double[][] ys;
    private final Sgd sgd = new Sgd(Loss.L2, 0.1);
    private final PlainSgd plain = new PlainSgd(Loss.L2, 0.1);

    @Setup
    public void setUp() {
        network = BenchNetworks.network(BenchNetworks.SMALL);
        xs = BenchNetworks.inputs(SAMPLES, 2, 11);
        ys = BenchNetworks.circleLabels(xs, 1);
    }

    @Benchmark
    public Training.Result engine() {
        return Training.run(network, sgd, xs, ys, 1, SampleOrder.SEQUENTIAL, 0);
    }

    @Benchmark
    public PlainSgd.PlainLayer[] plainLoop() {
        PlainSgd.PlainLayer[] layers = PlainSgd.copyOf(network);
        for (int s = 0; s < SAMPLES; s++) layers = plain.step(layers, xs[s], ys[s]).after();
        return layers;
    }
}

package netstep.bench;

import netstep.engine.Loss;
import netstep.engine.Network;
import netstep.engine.Sgd;
import netstep.engine.StepTrace;
import netstep.engine.Vec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** One per-sample SGD step (forward, loss, backward, update, trace recorded): the engine against plain loops. */
@State(Scope.Benchmark)
public class StepBenchmark {
    @Param({BenchNetworks.SMALL, BenchNetworks.LECTURE, "2-32-32-1 tanh", "2-128-128-1 tanh", "2-512-512-1 tanh"})
    public String network;

    private Network engineNetwork;
    private PlainSgd.PlainLayer[] plainNetwork;
    private final Sgd sgd = new Sgd(Loss.L2, 0.1);
    private final PlainSgd plain = new PlainSgd(Loss.L2, 0.1);
    private double[] x;
    private double[] y;
    private Vec xVec;
    private Vec yVec;

    @Setup
    public void setUp() {
        engineNetwork = BenchNetworks.network(network);
        plainNetwork = PlainSgd.copyOf(engineNetwork);
        x = BenchNetworks.inputs(1, engineNetwork.inputs(), 7)[0];
        y = BenchNetworks.circleLabels(new double[][] {x}, engineNetwork.outputs())[0];
        xVec = Vec.of(x);
        yVec = Vec.of(y);
    }

    @Benchmark
    public StepTrace engine() {
        return sgd.step(engineNetwork, xVec, yVec);
    }

    @Benchmark
    public PlainSgd.Step plainLoop() {
        return plain.step(plainNetwork, x, y);
    }
}

package netstep.bench;

import netstep.engine.Loss;
import netstep.engine.Network;
import netstep.engine.Sgd;
import netstep.engine.Vec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

/**
 * The SGD step against its baseline once more, in this thread's CPU time and in alternating blocks,
 * so that other processes on a shared machine slow neither side more than the other (wall-clock
 * JMH figures cannot promise that).
 */
final class StepCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 9;
    private static final long BLOCK_NANOS = 100_000_000L;
    static Object sink;

    /** engine and baseline CPU microseconds per step: medians over the rounds. */
    record Pair(Benchmarks.Figure engine, Benchmarks.Figure plain) {
    }

    private StepCpuTime() {
    }

    static Pair measure(String name) {
        Network network = BenchNetworks.network(name);
        PlainSgd.PlainLayer[] plainNetwork = PlainSgd.copyOf(network);
        double[] x = BenchNetworks.inputs(1, network.inputs(), 7)[0];
        double[] y = BenchNetworks.circleLabels(new double[][] {x}, network.outputs())[0];
        Vec xVec = Vec.of(x);
        Vec yVec = Vec.of(y);
        Sgd sgd = new Sgd(Loss.L2, 0.1);
        PlainSgd plain = new PlainSgd(Loss.L2, 0.1);
        Supplier<Object> engineStep = () -> sgd.step(network, xVec, yVec);
        Supplier<Object> plainStep = () -> plain.step(plainNetwork, x, y);
        for (int warm = 0; warm < 3; warm++) {
            microsPerCall(engineStep);
            microsPerCall(plainStep);
        }
        double[] engine = new double[ROUNDS];
        double[] baseline = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            engine[r] = microsPerCall(engineStep);
            baseline[r] = microsPerCall(plainStep);
        }
        return new Pair(Benchmarks.Figure.of(engine), Benchmarks.Figure.of(baseline));
    }

    private static double microsPerCall(Supplier<Object> work) {
        long start = THREADS.getCurrentThreadCpuTime();
        long calls = 0;
        long spent;
        do {
            for (int i = 0; i < 16; i++) sink = work.get();
            calls += 16;
            spent = THREADS.getCurrentThreadCpuTime() - start;
        } while (spent < BLOCK_NANOS);
        return spent / 1e3 / calls;
    }
}

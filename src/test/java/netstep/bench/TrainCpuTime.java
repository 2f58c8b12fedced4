package netstep.bench;

import netstep.engine.Network;
import netstep.engine.Sgd;
import netstep.engine.Loss;
import netstep.engine.Trainer;
import netstep.engine.Vec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@link TrainBenchmark}'s three epochs once more in this thread's CPU time, in alternating blocks (as
 * {@link StepCpuTime}), so that a busy machine slows no side more than another. Run alone with
 * {@code java -cp … netstep.bench.TrainCpuTime}.
 */
final class TrainCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int ROUNDS = 9;
    private static final long BLOCK_NANOS = 200_000_000L;
    static Object sink;

    /** CPU microseconds per 500-sample epoch: medians over the rounds. */
    record Triple(Benchmarks.Figure untraced, Benchmarks.Figure traced, Benchmarks.Figure plain) {
    }

    private TrainCpuTime() {
    }

    static Triple measure() {
        Network network = TrainBenchmark.xorNetwork();
        double[][][] points = TrainBenchmark.xorPoints();
        double[][] xs = points[0];
        double[][] ys = points[1];
        int n = xs.length;
        Vec[] xVecs = new Vec[n];
        Vec[] yVecs = new Vec[n];
        for (int s = 0; s < n; s++) {
            xVecs[s] = Vec.of(xs[s]);
            yVecs[s] = Vec.of(ys[s]);
        }
        Sgd sgd = new Sgd(Loss.L2, TrainBenchmark.ETA);
        PlainSgd plain = new PlainSgd(Loss.L2, TrainBenchmark.ETA);
        Supplier<Object> untraced = () -> {
            Trainer trainer = sgd.trainer(network);
            for (int s = 0; s < n; s++) trainer.step(xs[s], ys[s]);
            return trainer;
        };
        Supplier<Object> traced = () -> {
            Network now = network;
            for (int s = 0; s < n; s++) now = sgd.step(now, xVecs[s], yVecs[s]).after();
            return now;
        };
        Supplier<Object> plainLoop = () -> {
            PlainSgd.PlainLayer[] layers = PlainSgd.copyOf(network);
            for (int s = 0; s < n; s++) layers = plain.step(layers, xs[s], ys[s]).after();
            return layers;
        };
        for (int warm = 0; warm < 3; warm++) {
            microsPerCall(untraced);
            microsPerCall(traced);
            microsPerCall(plainLoop);
        }
        double[] u = new double[ROUNDS];
        double[] t = new double[ROUNDS];
        double[] p = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            u[r] = microsPerCall(untraced);
            t[r] = microsPerCall(traced);
            p[r] = microsPerCall(plainLoop);
        }
        return new Triple(Benchmarks.Figure.of(u), Benchmarks.Figure.of(t), Benchmarks.Figure.of(p));
    }

    /** CPU time per call of {@code work}, in µs, over a block of 0.2 s of this thread's CPU time. */
    static double microsPerCall(Supplier<Object> work) {
        long start = THREADS.getCurrentThreadCpuTime();
        long calls = 0;
        long spent;
        do {
            sink = work.get();
            calls++;
            spent = THREADS.getCurrentThreadCpuTime() - start;
        } while (spent < BLOCK_NANOS);
        return spent / 1e3 / calls;
    }

    static String perSecond(Benchmarks.Figure f) {
        return String.format(Locale.ROOT, "%,.0f/s", TrainBenchmark.SAMPLES / f.median() * 1e6);
    }

    public static void main(String[] args) {
        Triple m = measure();
        System.out.println("untraced " + perSecond(m.untraced()) + " " + m.untraced().spreadText()
                + ", traced " + perSecond(m.traced()) + " " + m.traced().spreadText()
                + ", plain " + perSecond(m.plain()) + " " + m.plain().spreadText()
                + String.format(Locale.ROOT, "; untraced/traced %.2f×", m.traced().median() / m.untraced().median()));
    }
}

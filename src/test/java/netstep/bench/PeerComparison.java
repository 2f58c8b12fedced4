package netstep.bench;

import netstep.engine.Layer;
import netstep.engine.Loss;
import netstep.engine.Network;
import netstep.engine.Sgd;
import netstep.engine.Trainer;
import netstep.engine.Vec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * netstep's half of the comparison with TensorFlow Playground's engine (docs/performance.md, "Against TensorFlow
 * Playground's engine"): the run, 2-w-w-1 tanh, 500 XOR points, batch 1, η 0.03, 200 epochs from
 * {@link TrainBenchmark#xorNetwork(int)}'s starting weights. The peer runs under Node in a script outside the
 * project, alternating with this class.
 * <ul>
 *   <li>{@code export w}: prints the starting weights and the points as JSON, for the peer to start from.</li>
 *   <li>{@code run w}: warms up, then times one 200-epoch run each of the untraced step, the traced step and the
 *       plain {@code double[]} baseline, and prints one JSON line: samples/s in process CPU time, this thread's
 *       CPU time and wall time, and the untraced run's final parameters.</li>
 *   <li>{@code check w epochs}: the untraced step's parameters after that many epochs, to compare with the
 *       peer's (a few epochs: the runs part after 10–20 epochs, as a 1-ulp change of one starting weight does).</li>
 * </ul>
 * Run with a fixed, pre-touched heap ({@code -Xms256m -Xmx256m -XX:+AlwaysPreTouch}), see docs/performance.md.
 */
final class PeerComparison {
    static final int EPOCHS = 200;
    private static final int WARM_UP_RUNS = 3;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    static Object sink;

    /** Samples/s of one timed run, by three clocks. */
    record Speed(double processCpu, double threadCpu, double wall) {
        String json() {
            return String.format(Locale.ROOT, "{\"process\":%.0f,\"thread\":%.0f,\"wall\":%.0f}",
                    processCpu, threadCpu, wall);
        }
    }

    private PeerComparison() {
    }

    public static void main(String[] args) {
        int width = Integer.parseInt(args[1]);
        Network start = TrainBenchmark.xorNetwork(width);
        double[][][] points = TrainBenchmark.xorPoints();
        switch (args[0]) {
            case "export" -> System.out.println(exportJson(start, points));
            case "run" -> System.out.println(run(start, points[0], points[1]));
            case "check" -> System.out.println(parametersJson(trained(start, points, Integer.parseInt(args[2]))));
            default -> throw new IllegalArgumentException("export w | run w | check w epochs");
        }
    }

    /** The untraced, traced and plain runs, warmed up and then timed once each, as one JSON line. */
    static String run(Network start, double[][] xs, double[][] ys) {
        Sgd sgd = new Sgd(Loss.L2, TrainBenchmark.ETA);
        Supplier<Object> untraced = () -> untraced(sgd, start, xs, ys);
        Supplier<Object> traced = () -> traced(sgd, start, xs, ys);
        Supplier<Object> plain = () -> plain(start, xs, ys);
        for (int r = 0; r < WARM_UP_RUNS; r++) {
            untraced.get();
            traced.get();
            plain.get();
        }
        Speed u = time(untraced);
        Speed t = time(traced);
        Speed p = time(plain);
        Network trained = ((Trainer) untraced.get()).network();
        if (!trained.equals(traced.get())) throw new AssertionError("traced and untraced runs differ");
        return "{\"untraced\":" + u.json() + ",\"traced\":" + t.json() + ",\"plain\":" + p.json()
                + ",\"final\":" + parametersJson(trained) + "}";
    }

    /** The untraced step's parameters after the given number of epochs. */
    static Network trained(Network start, double[][][] points, int epochs) {
        Trainer trainer = new Sgd(Loss.L2, TrainBenchmark.ETA).trainer(start);
        for (int e = 0; e < epochs; e++) {
            for (int s = 0; s < points[0].length; s++) trainer.step(points[0][s], points[1][s]);
        }
        return trainer.network();
    }

    static Trainer untraced(Sgd sgd, Network start, double[][] xs, double[][] ys) {
        Trainer trainer = sgd.trainer(start);
        for (int e = 0; e < EPOCHS; e++) {
            for (int s = 0; s < xs.length; s++) trainer.step(xs[s], ys[s]);
        }
        return trainer;
    }

    static Network traced(Sgd sgd, Network start, double[][] xs, double[][] ys) {
        Vec[] xVecs = Arrays.stream(xs).map(Vec::of).toArray(Vec[]::new);
        Vec[] yVecs = Arrays.stream(ys).map(Vec::of).toArray(Vec[]::new);
        Network now = start;
        for (int e = 0; e < EPOCHS; e++) {
            for (int s = 0; s < xs.length; s++) now = sgd.step(now, xVecs[s], yVecs[s]).after();
        }
        return now;
    }

    static PlainSgd.PlainLayer[] plain(Network start, double[][] xs, double[][] ys) {
        PlainSgd plain = new PlainSgd(Loss.L2, TrainBenchmark.ETA);
        PlainSgd.PlainLayer[] layers = PlainSgd.copyOf(start);
        for (int e = 0; e < EPOCHS; e++) {
            for (int s = 0; s < xs.length; s++) layers = plain.step(layers, xs[s], ys[s]).after();
        }
        return layers;
    }

    static Speed time(Supplier<Object> work) {
        long process = processCpuNanos();
        long thread = THREADS.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        sink = work.get();
        double samples = (double) EPOCHS * TrainBenchmark.SAMPLES * 1e9;
        return new Speed(samples / (processCpuNanos() - process),
                samples / (THREADS.getCurrentThreadCpuTime() - thread), samples / (System.nanoTime() - wall));
    }

    /**
     * CPU time of every thread of this process (JIT compilers and collectors too), in ns, from Linux's
     * /proc/self/task/{@literal *}/schedstat: the MXBean's process CPU time counts in 10 ms ticks here, a seventh of
     * an untraced run. The Node driver reads the same files.
     */
    static long processCpuNanos() {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.mapToLong(task -> {
                try {
                    return Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                } catch (IOException | RuntimeException gone) {
                    return 0; // a thread that ended while listed
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {"w": per layer, w[j][i] from input i to neuron j; "b": per layer}. */
    static String parametersJson(Network network) {
        StringJoiner w = new StringJoiner(",", "[", "]");
        StringJoiner b = new StringJoiner(",", "[", "]");
        for (Layer layer : network.layers()) {
            w.add(json(layer.weights().toArray()));
            b.add(json(layer.biases().toArray()));
        }
        return "{\"w\":" + w + ",\"b\":" + b + "}";
    }

    static String exportJson(Network start, double[][][] points) {
        double[] ys = Arrays.stream(points[1]).mapToDouble(y -> y[0]).toArray();
        return "{\"sizes\":" + start.sizes() + ",\"eta\":" + TrainBenchmark.ETA
                + ",\"epochs\":" + EPOCHS + ",\"start\":" + parametersJson(start)
                + ",\"xs\":" + json(points[0]) + ",\"ys\":" + json(ys) + "}";
    }

    /** Doubles as Java writes them, which read back as the same doubles (in JavaScript too). */
    private static String json(double[] values) {
        StringJoiner joined = new StringJoiner(",", "[", "]");
        for (double v : values) joined.add(Double.toString(v));
        return joined.toString();
    }

    private static String json(double[][] rows) {
        StringJoiner joined = new StringJoiner(",", "[", "]");
        for (double[] row : rows) joined.add(json(row));
        return joined.toString();
    }
}

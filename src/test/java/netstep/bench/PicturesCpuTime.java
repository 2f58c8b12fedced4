package netstep.bench;

import netstep.data.Dataset;
import netstep.data.Datasets;
import netstep.engine.Activation;
import netstep.engine.Evaluation;
import netstep.engine.Loss;
import netstep.engine.MatrixProducts;
import netstep.engine.Network;
import netstep.engine.Sgd;
import netstep.engine.Trainer;
import netstep.engine.Vec;
import org.jblas.DoubleMatrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Issues 13 and 15 in this thread's CPU time, every piece of work in alternating 0.2 s blocks (as
 * {@link TrainCpuTime}), so that a busy machine slows no side more than another: the products at the pictures'
 * sizes, native against plain Java (they set {@code MatrixProducts}' threshold); the digits' evaluation both ways;
 * the 64-32-10 step traced, untraced and in jblas operations; the 2-8-8-1 untraced step against jblas operations.
 * Run alone with {@code java -cp … netstep.bench.PicturesCpuTime}.
 */
final class PicturesCpuTime {
    private static final int ROUNDS = 7;
    static final List<String> PRODUCTS = List.of("32x64x1797", "10x64x1797", "10x32x1797", "32x64x256",
            "16x16x256", "10x32x64");

    private PicturesCpuTime() {
    }

    /** CPU microseconds per call of each named piece of work. */
    static Map<String, Benchmarks.Figure> measure() {
        MatrixProducts.silenceJblas();
        Map<String, Supplier<Object>> work = new LinkedHashMap<>();
        for (String size : PRODUCTS) {
            String[] d = size.split("x");
            DoubleMatrix w = DoubleMatrix.rand(Integer.parseInt(d[0]), Integer.parseInt(d[1]));
            DoubleMatrix x = DoubleMatrix.rand(Integer.parseInt(d[1]), Integer.parseInt(d[2]));
            work.put("product native " + size, () -> w.mmul(x));
            work.put("product java " + size, () -> MatrixProducts.multiplyInJava(w, x));
        }
        digitsWork(work);
        stepWork(work, "2-8-8-1", TrainBenchmark.xorNetwork(), Loss.L2, TrainBenchmark.xorPoints());
        Map<String, double[]> samples = new LinkedHashMap<>();
        for (int round = -2; round < ROUNDS; round++) {
            for (Map.Entry<String, Supplier<Object>> e : work.entrySet()) {
                double micros = microsPerCall(e.getValue());
                if (round >= 0) samples.computeIfAbsent(e.getKey(), k -> new double[ROUNDS])[round] = micros;
            }
        }
        Map<String, Benchmarks.Figure> figures = new LinkedHashMap<>();
        samples.forEach((k, v) -> figures.put(k, Benchmarks.Figure.of(v)));
        return figures;
    }

    private static void digitsWork(Map<String, Supplier<Object>> work) {
        Dataset digits = Datasets.byId(Datasets.DIGITS).orElseThrow();
        double[][] xs = java.util.stream.Stream.of(digits.xMatrix(), digits.testXMatrix())
                .flatMap(java.util.Arrays::stream).toArray(double[][]::new);
        double[][] ys = java.util.stream.Stream.of(digits.yMatrix(), digits.testYMatrix())
                .flatMap(java.util.Arrays::stream).toArray(double[][]::new);
        Network linear = Network.initialise(List.of(64, 10), Activation.IDENTITY, Activation.SOFTMAX, 1);
        Network mlp = Network.initialise(List.of(64, 32, 10), Activation.RELU, Activation.SOFTMAX, 1);
        work.put("evaluate native 64-10", () -> Evaluation.of(linear, Loss.CROSS_ENTROPY, xs, ys));
        work.put("evaluate java 64-10", () -> Evaluation.ofInJava(linear, Loss.CROSS_ENTROPY, xs, ys));
        work.put("evaluate native 64-32-10", () -> Evaluation.of(mlp, Loss.CROSS_ENTROPY, xs, ys));
        work.put("evaluate java 64-32-10", () -> Evaluation.ofInJava(mlp, Loss.CROSS_ENTROPY, xs, ys));
        stepWork(work, "64-32-10", mlp, Loss.CROSS_ENTROPY, new double[][][] {xs, ys});
    }

    /** 100 steps of batch 1 over the first 100 samples: traced, untraced, and in jblas operations. */
    private static void stepWork(Map<String, Supplier<Object>> work, String name, Network start, Loss loss,
                                 double[][][] data) {
        int n = 100;
        Sgd sgd = new Sgd(loss, TrainBenchmark.ETA);
        List<Vec> xVecs = new ArrayList<>();
        List<Vec> yVecs = new ArrayList<>();
        for (int s = 0; s < n; s++) {
            xVecs.add(Vec.of(data[0][s]));
            yVecs.add(Vec.of(data[1][s]));
        }
        work.put("step traced " + name, () -> {
            Network now = start;
            for (int s = 0; s < n; s++) now = sgd.step(now, xVecs.get(s), yVecs.get(s)).after();
            return now;
        });
        work.put("step untraced " + name, () -> {
            Trainer trainer = sgd.trainer(start);
            for (int s = 0; s < n; s++) trainer.step(data[0][s], data[1][s]);
            return trainer;
        });
        work.put("step jblas " + name, () -> {
            JblasSgd jblas = new JblasSgd(start, loss, TrainBenchmark.ETA);
            double total = 0;
            for (int s = 0; s < n; s++) total += jblas.step(data[0][s], data[1][s]);
            return total;
        });
    }

    private static double microsPerCall(Supplier<Object> work) {
        return TrainCpuTime.microsPerCall(work);
    }

    /** The table's rows: each pair with its ratio (Java's time over native's; jblas's over the loops'). */
    static List<String> rows() {
        Map<String, Benchmarks.Figure> f = measure();
        List<String> rows = new ArrayList<>();
        for (String size : PRODUCTS) {
            String[] d = size.split("x");
            long work = Long.parseLong(d[0]) * Long.parseLong(d[1]) * Long.parseLong(d[2]);
            rows.add(pair(String.format(Locale.ROOT, "W·X, %s×%s by %s×%s (%,d multiply-adds), thread CPU time: jblas"
                    + " native mmul vs plain Java%s", d[0], d[1], d[1], d[2], work,
                    work >= (1L << 19) ? " (native by the threshold)" : ""), f.get("product native " + size),
                    f.get("product java " + size), 1));
        }
        for (String net : List.of("64-10", "64-32-10")) {
            rows.add(pair("Evaluate the 1,797 digits, " + net + ", thread CPU time: MatrixProducts.multiply vs plain Java",
                    f.get("evaluate native " + net), f.get("evaluate java " + net), 1));
        }
        for (String net : List.of("64-32-10", "2-8-8-1")) {
            rows.add(pair("SGD step, batch 1, " + net + " (thread CPU time, per step): untraced (engine loops) vs"
                    + " jblas operations (outer product in native BLAS)", f.get("step untraced " + net),
                    f.get("step jblas " + net), 100));
            Benchmarks.Figure traced = f.get("step traced " + net);
            Benchmarks.Figure untraced = f.get("step untraced " + net);
            rows.add(Benchmarks.row("SGD step, batch 1, " + net + " (thread CPU time, per step): traced (a StepTrace"
                            + " recorded) vs untraced", Benchmarks.Table.micros(traced.median() / 100),
                    Benchmarks.Table.micros(untraced.median() / 100),
                    String.format(Locale.ROOT, "%.2f× the untraced time", traced.median() / untraced.median()), "",
                    traced.spreadText() + " / " + untraced.spreadText()));
        }
        return rows;
    }

    private static String pair(String what, Benchmarks.Figure measured, Benchmarks.Figure baseline, int per) {
        return Benchmarks.row(what, Benchmarks.Table.micros(measured.median() / per),
                Benchmarks.Table.micros(baseline.median() / per),
                String.format(Locale.ROOT, "%.2f× faster", baseline.median() / measured.median()), "",
                measured.spreadText() + " / " + baseline.spreadText());
    }

    public static void main(String[] args) {
        rows().forEach(System.out::println);
    }
}

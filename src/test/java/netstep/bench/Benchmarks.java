package netstep.bench;

import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs every benchmark and prints one Markdown table (docs/performance.md).
 * {@code mvn -P bench verify}; {@code -Dbench.args=--quick} for a short, noisier run, and
 * {@code -Dbench.args="--only=Step"} to run only the JMH benchmarks whose name matches.
 * Each figure is the median over every measured iteration of every fork; "spread" is half the
 * interquartile range of those iterations, relative to the median.
 */
public final class Benchmarks {
    private Benchmarks() {
    }

    /** A median and its relative spread. */
    record Figure(double median, double spread) {
        static Figure of(double[] samples) {
            double[] sorted = samples.clone();
            Arrays.sort(sorted);
            double median = quantile(sorted, 0.5);
            return new Figure(median, (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / 2 / median);
        }

        private static double quantile(double[] sorted, double q) {
            double position = q * (sorted.length - 1);
            int below = (int) Math.floor(position);
            int above = Math.min(sorted.length - 1, below + 1);
            return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
        }

        String spreadText() {
            return String.format(Locale.ROOT, "±%.0f%%", spread * 100);
        }
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String only = Arrays.stream(args).filter(a -> a.startsWith("--only=")).map(a -> a.substring(7))
                .findFirst().orElse(null);
        Map<String, Figure> jmh = runJmh(quick, only);

        List<String> rows = new ArrayList<>();
        Table table = new Table(jmh);
        table.stepRows(rows);
        table.epochRow(rows);
        table.trainRows(rows);
        table.gridRow(rows);
        table.renderRows(rows);
        table.libraryRows(rows);
        table.pictureRows(rows);
        table.loopRows(rows);
        if (only == null) {
            // placeholder: the over-HTTP figures come from issue 5's load script, not from this suite
            rows.add(row("Over HTTP: N students stepping, throughput and p50/p95/p99",
                    "from issue 5's load script", "", "", "", ""));
            Figure memory = MemoryFootprint.bytesPerSession(quick ? 1 : 3);
            rows.add(row("Memory per session: 2-8-8-1, 200 samples, 1,000 steps of history",
                    String.format(Locale.ROOT, "%,.0f bytes", memory.median()), "", "", "", memory.spreadText()));
            Figure startUp = StartUpTime.millisToFirstPage(quick ? 2 : 5);
            rows.add(row("Start-up: `java -XX:SharedArchiveFile=target/netstep.jsa -jar target/netstep.jar` to the first 200 on `/`",
                    String.format(Locale.ROOT, "%.0f ms", startUp.median()), "", "", "< 2,000 ms",
                    startUp.spreadText()));
        }
        List<String> cpuRows = new ArrayList<>();
        if (only == null || "Step".matches(only)) {
            for (String network : Table.STEP_NETWORKS) {
                StepCpuTime.Pair cpu = StepCpuTime.measure(network);
                cpuRows.add(row("SGD step, " + network + " (thread CPU time, interleaved)",
                        Table.micros(cpu.engine().median()), Table.micros(cpu.plain().median()),
                        String.format(Locale.ROOT, "%.2f×", cpu.engine().median() / cpu.plain().median()), "",
                        cpu.engine().spreadText() + " / " + cpu.plain().spreadText()));
            }
        }
        if (only == null || "TrainBenchmark".matches(only)) {
            TrainCpuTime.Triple cpu = TrainCpuTime.measure();
            cpuRows.add(row("Bulk training, 2-8-8-1 tanh, 500 XOR points, batch 1, η 0.03 (thread CPU time, interleaved):"
                            + " samples/s untraced; traced " + TrainCpuTime.perSecond(cpu.traced()),
                    TrainCpuTime.perSecond(cpu.untraced()), TrainCpuTime.perSecond(cpu.plain()),
                    String.format(Locale.ROOT, "%.2f× the traced step", cpu.traced().median() / cpu.untraced().median()),
                    "≥ ~1.9 million/s (quiet 2 cores)", cpu.untraced().spreadText() + " / " + cpu.plain().spreadText()));
        }
        if (only == null || "PicturesCpuTime".matches(only)) cpuRows.addAll(PicturesCpuTime.rows());
        if (only == null || "ColdStart".matches(only)) coldStartRow(cpuRows, quick ? 2 : 3);
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.println();
        System.out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch")
                + ", native BLAS " + (netstep.engine.MatrixProducts.nativeAvailable() ? "on" : "off")
                + String.format(Locale.ROOT, "; load average %.1f before the run, %.1f after", loadBefore, loadAfter));
        System.out.println();
        System.out.println("| what | netstep | baseline (same run) | ratio | target | spread |");
        System.out.println("| --- | ---: | ---: | ---: | --- | ---: |");
        rows.forEach(System.out::println);
        cpuRows.forEach(System.out::println);
    }

    /** Issue 14: a fresh server's first /api/train against its later ones ({@link ColdStartTrain}). */
    private static void coldStartRow(List<String> rows, int runs) throws Exception {
        List<ColdStartTrain.Run> measured = ColdStartTrain.measure(runs);
        double[] first = measured.stream().mapToDouble(ColdStartTrain.Run::first).toArray();
        double[] warm = measured.stream().mapToDouble(ColdStartTrain.Run::warm).toArray();
        double[] ratios = measured.stream().mapToDouble(r -> r.first() / r.warm()).toArray();
        Figure f = Figure.of(first);
        Figure w = Figure.of(warm);
        Figure ratio = Figure.of(ratios);
        rows.add(row("Cold start: a fresh server's first /api/train (2-8-8-1 tanh, 500 XOR points, 200 epochs) vs the"
                        + " median of its next " + ColdStartTrain.WARM + " (App.warmUp in place; " + runs + " servers)",
                Table.micros(f.median() * 1000), Table.micros(w.median() * 1000),
                String.format(Locale.ROOT, "%.2f× (each server: %s)", ratio.median(), Arrays.stream(ratios)
                        .mapToObj(r -> String.format(Locale.ROOT, "%.2f", r)).toList()),
                "≤ 2×", f.spreadText() + " / " + w.spreadText()));
    }

    private static Map<String, Figure> runJmh(boolean quick, String only) throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(only == null ? "netstep\\..*Benchmark" : "netstep\\..*" + only)
                .mode(Mode.AverageTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .forks(quick ? 1 : 3)
                .warmupIterations(2)
                .warmupTime(TimeValue.milliseconds(quick ? 300 : 1000))
                .measurementIterations(quick ? 3 : 4)
                .measurementTime(TimeValue.milliseconds(quick ? 300 : 1000))
                // fixed and pre-touched, as the suite's own JVM (pom.xml): no page faults while measuring
                .jvmArgsAppend("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch");
        Collection<RunResult> results = new Runner(options.build()).run();
        Map<String, Figure> figures = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceFirst("^netstep\\.(bench|view\\.render|view)\\.", "");
            for (String key : result.getParams().getParamsKeys()) name += " " + result.getParams().getParam(key);
            List<Double> scores = new ArrayList<>();
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                for (IterationResult iteration : fork.getIterationResults()) scores.add(iteration.getPrimaryResult().getScore());
            }
            figures.put(name, Figure.of(scores.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return figures;
    }

    static String row(String what, String measured, String baseline, String ratio, String target, String spread) {
        return "| " + what + " | " + measured + " | " + baseline + " | " + ratio + " | " + target + " | " + spread + " |";
    }

    /** Turns the JMH figures (µs per operation) into the table's rows. */
    record Table(Map<String, Figure> jmh) {
        static final List<String> STEP_NETWORKS = List.of(BenchNetworks.SMALL, BenchNetworks.LECTURE,
                "2-32-32-1 tanh", "2-128-128-1 tanh", "2-512-512-1 tanh");

        void stepRows(List<String> rows) {
            for (String network : STEP_NETWORKS) {
                String target = network.equals(BenchNetworks.SMALL) ? "≤ 2× baseline"
                        : network.startsWith("2-128") || network.startsWith("2-512") ? "< baseline" : "";
                pair(rows, "SGD step, " + network + " (trace recorded)", "StepBenchmark.engine " + network,
                        "StepBenchmark.plainLoop " + network, target, false);
            }
        }

        void epochRow(List<String> rows) {
            pair(rows, "Epoch: 1,000 samples, per-sample SGD, 2-8-8-1 tanh", "EpochBenchmark.engine",
                    "EpochBenchmark.plainLoop", "", false);
        }

        /** Issue 14: samples per second of bulk training, untraced and traced, against the plain baseline. */
        void trainRows(List<String> rows) {
            Figure untraced = jmh.get("TrainBenchmark.untraced");
            Figure traced = jmh.get("TrainBenchmark.traced");
            Figure plainLoop = jmh.get("TrainBenchmark.plainLoop");
            if (untraced == null || traced == null || plainLoop == null) return;
            String what = "Bulk training, 2-8-8-1 tanh, 500 XOR points, batch 1, η 0.03: samples/s ";
            rows.add(row(what + "untraced (Train N epochs, /api/train)", perSecond(untraced), perSecond(plainLoop),
                    String.format(Locale.ROOT, "%.2f× the traced step", traced.median() / untraced.median()),
                    "≥ ~1.9 million/s (quiet 2 cores)", untraced.spreadText() + " / " + plainLoop.spreadText()));
            rows.add(row(what + "traced (a StepTrace per sample)", perSecond(traced), perSecond(plainLoop),
                    String.format(Locale.ROOT, "%.2f× the baseline", plainLoop.median() / traced.median()), "",
                    traced.spreadText() + " / " + plainLoop.spreadText()));
        }

        /** 500 samples per operation of µs. */
        static String perSecond(Figure f) {
            return String.format(Locale.ROOT, "%,.0f/s", TrainBenchmark.SAMPLES / f.median() * 1e6);
        }

        void gridRow(List<String> rows) {
            for (String network : List.of(BenchNetworks.SMALL, BenchNetworks.SMALL_RELU)) {
                pair(rows, "Grid forward, 100×100 through " + network + ": batched vs 10,000 single forwards",
                        "GridBenchmark.batched " + network, "GridBenchmark.singleSamples " + network,
                        "≥ 10× faster", true);
            }
        }

        /** Native jblas against plain Java at the pictures' sizes (issue 13): "× faster" is Java's time over native's. */
        void pictureRows(List<String> rows) {
            for (String key : jmh.keySet()) {
                if (key.startsWith("ProductBenchmark.productNative ")) {
                    String size = key.substring("ProductBenchmark.productNative ".length());
                    String[] d = size.split("x");
                    pair(rows, "W·X, " + d[0] + "×" + d[1] + " by " + d[1] + "×" + d[2] + " ("
                                    + String.format(Locale.ROOT, "%,d", Long.parseLong(d[0]) * Long.parseLong(d[1]) * Long.parseLong(d[2]))
                                    + " multiply-adds): jblas native mmul vs plain Java", key,
                            "ProductBenchmark.productJava " + size, "", true);
                }
            }
            pair(rows, "Evaluate the 1,797 digits (loss, accuracy, confusion), 64-10: MatrixProducts.multiply vs plain Java",
                    "PicturesBenchmark.evaluate64x10", "PicturesBenchmark.evaluate64x10Java", "", true);
            pair(rows, "Evaluate the 1,797 digits (loss, accuracy, confusion), 64-32-10 ReLU: MatrixProducts.multiply vs plain Java",
                    "PicturesBenchmark.evaluate64x32x10", "PicturesBenchmark.evaluate64x32x10Java", "", true);
            single(rows, "SGD step, 64-32-10 ReLU / softmax, cross-entropy (trace recorded)",
                    "PicturesBenchmark.step64x32x10", "");
        }

        /** Issue 15: the engine's hand-written loops against the same untraced step in jblas's operations. */
        void loopRows(List<String> rows) {
            for (String network : List.of(JblasStepBenchmark.XOR, JblasStepBenchmark.DIGITS)) {
                pair(rows, "Untraced SGD step, batch 1, " + network + ": the engine's loops vs jblas operations"
                                + " (mmul, mul, subi; the outer product ∂L/∂a·xᵀ in native BLAS)",
                        "JblasStepBenchmark.engineLoops " + network, "JblasStepBenchmark.jblasOperations " + network,
                        "", true);
            }
        }

        void renderRows(List<String> rows) {
            single(rows, "Render: full page, 2-8-8-1 on 200 samples", "RenderBenchmark.fullPage", "");
            for (String action : List.of("pick", "forward", "loss", "backward", "update")) {
                single(rows, "Render: htmx answer to the step action \"" + action + "\" (all its fragments)",
                        "RenderBenchmark.stepAnswer " + action, "< 1 ms");
            }
            single(rows, "Render: htmx answer to \"update\" with the new network's pictures not cached yet",
                    "RenderBenchmark.updateAnswerPicturesNotCached", "< 1 ms");
            for (String key : jmh.keySet()) {
                if (key.startsWith("RenderBenchmark.fragment ")) {
                    String id = key.substring("RenderBenchmark.fragment ".length());
                    single(rows, "Render: fragment #" + id + (id.equals("computes") ? " (heat maps drawn afresh)" : "")
                            + " (at the update phase)", key, "");
                }
            }
        }

        /** The hand-written pieces (netstep) against the library that would replace them (baseline). */
        void libraryRows(List<String> rows) {
            pair(rows, "Heat map 64×64 as a PNG data: URI: HeatmapPng vs javax.imageio",
                    "LibraryBenchmark.pngHandWritten", "LibraryBenchmark.pngImageIO", "", true);
            pair(rows, "Cache of 8 networks' HTML, a hit: HtmlCache vs Caffeine",
                    "LibraryBenchmark.cacheHitHandWritten", "LibraryBenchmark.cacheHitCaffeine", "", false);
            pair(rows, "Cache of 8 networks' HTML, a new network (miss and eviction): HtmlCache vs Caffeine",
                    "LibraryBenchmark.cacheChurnHandWritten", "LibraryBenchmark.cacheChurnCaffeine", "", false);
            pair(rows, "256 trace numbers at 4 significant digits: Digits' integer path vs BigDecimal rounding",
                    "LibraryBenchmark.digitsQuick", "LibraryBenchmark.digitsBigDecimal", "", true);
        }

        private void single(List<String> rows, String what, String key, String target) {
            Figure f = jmh.get(key);
            if (f != null) rows.add(row(what, micros(f.median()), "", "", target, f.spreadText()));
        }

        private void pair(List<String> rows, String what, String key, String baselineKey, String target,
                          boolean speedUp) {
            Figure f = jmh.get(key);
            Figure b = jmh.get(baselineKey);
            if (f == null || b == null) return;
            String ratio = speedUp ? String.format(Locale.ROOT, "%.1f× faster", b.median() / f.median())
                    : String.format(Locale.ROOT, "%.2f×", f.median() / b.median());
            rows.add(row(what, micros(f.median()), micros(b.median()), ratio, target,
                    f.spreadText() + " / " + b.spreadText()));
        }

        static String micros(double us) {
            if (us >= 1000) return String.format(Locale.ROOT, "%.2f ms", us / 1000);
            if (us >= 10) return String.format(Locale.ROOT, "%.0f µs", us);
            return String.format(Locale.ROOT, "%.2f µs", us);
        }
    }
}

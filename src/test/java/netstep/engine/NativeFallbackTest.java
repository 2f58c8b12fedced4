package netstep.engine;

import org.jblas.DoubleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A host without libgfortran.so.5: a child JVM whose library path puts a broken libgfortran.so.5 first,
 * so jblas's native library cannot load, as on a machine without the Debian package libgfortran5.
 */
class NativeFallbackTest {

    /** Run in the child JVM: reports what MatrixProducts detected and a batched product's numbers. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("native=" + MatrixProducts.nativeAvailable());
            DoubleMatrix a = fixture(5, 7, 1);
            DoubleMatrix b = fixture(7, 9, 2);
            DoubleMatrix c = MatrixProducts.multiply(a, b);
            StringBuilder sb = new StringBuilder("product=");
            for (double v : c.data) sb.append(Double.toString(v)).append(',');
            System.out.println(sb);
        }
    }

    /**
     * Run in the child JVM: the 1,797 digits evaluated through 64-10 and 64-32-10 (products above the native
     * threshold) and one SGD step of 64-32-10 softmax / cross-entropy, every number printed.
     */
    public static final class DigitsProbe {
        public static void main(String[] args) {
            System.out.println("native=" + MatrixProducts.nativeAvailable());
            for (String line : digitsNumbers(false)) System.out.println(line);
        }
    }

    /** The digits' evaluations and one step, as lines of numbers; {@code javaOnly}: {@link Evaluation#ofInJava}. */
    static List<String> digitsNumbers(boolean javaOnly) {
        netstep.data.Dataset digits = netstep.data.Datasets.byId(netstep.data.Datasets.DIGITS).orElseThrow();
        double[][] xs = java.util.stream.Stream.of(digits.xMatrix(), digits.testXMatrix()).flatMap(java.util.Arrays::stream)
                .toArray(double[][]::new);
        double[][] ys = java.util.stream.Stream.of(digits.yMatrix(), digits.testYMatrix()).flatMap(java.util.Arrays::stream)
                .toArray(double[][]::new);
        List<String> lines = new java.util.ArrayList<>();
        lines.add("samples=" + xs.length);
        for (List<Integer> sizes : List.of(List.of(64, 10), List.of(64, 32, 10))) {
            Network network = Network.initialise(sizes, Activation.RELU, Activation.SOFTMAX, 3);
            Evaluation e = javaOnly ? Evaluation.ofInJava(network, Loss.CROSS_ENTROPY, xs, ys)
                    : Evaluation.of(network, Loss.CROSS_ENTROPY, xs, ys);
            lines.add("evaluation " + sizes + "=" + e.meanLoss() + "," + e.accuracy() + ","
                    + java.util.Arrays.deepToString(e.confusion()).replace(" ", ""));
        }
        Network mlp = Network.initialise(List.of(64, 32, 10), Activation.RELU, Activation.SOFTMAX, 3);
        StepTrace step = new Sgd(Loss.CROSS_ENTROPY, 0.1).step(mlp, Vec.of(xs[5]), Vec.of(ys[5]));
        StringBuilder sb = new StringBuilder("step=" + step.loss());
        for (Layer layer : step.after().layers()) {
            for (double[] row : layer.weights().toArray()) for (double w : row) sb.append(',').append(w);
            for (double b : layer.biases().toArray()) sb.append(',').append(b);
        }
        lines.add(sb.toString());
        return lines;
    }

    static DoubleMatrix fixture(int rows, int columns, int salt) {
        DoubleMatrix m = new DoubleMatrix(rows, columns);
        for (int k = 0; k < m.length; k++) m.data[k] = Math.sin(k * 0.7 + salt) * (k % 3 - 1.1);
        return m;
    }

    @Test
    void withoutLibgfortranTheServerMathFallsBackToJavaWithOneLogLineAndTheSameNumbers(@TempDir Path dir)
            throws Exception {
        Path fakeLibs = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(fakeLibs.resolve("libgfortran.so.5"), "not a shared library");
        Result r = runProbe(fakeLibs.toString(), dir);

        assertEquals(0, r.exitCode, r.stderr);
        assertTrue(r.stdout.contains("native=false"), r.stdout + r.stderr);
        List<String> warnings = r.stderr.lines().filter(l -> l.contains("libgfortran")).toList();
        assertEquals(1, warnings.size(), "exactly one line explains the fallback:\n" + r.stderr);
        assertTrue(warnings.get(0).contains("apt-get install libgfortran5"), warnings.get(0));
        assertFalse(r.stderr.contains("org.jblas"), "jblas's own chatter is silenced:\n" + r.stderr);

        assertProductMatchesNaiveLoop(r.stdout);
    }

    @Test
    void withLibgfortranTheNativePathGivesTheSameNumbersAsTheJavaLoop(@TempDir Path dir) throws Exception {
        Result r = runProbe(null, dir);
        assertEquals(0, r.exitCode, r.stderr);
        if (Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libgfortran.so.5"))) {
            assertTrue(r.stdout.contains("native=true"), "libgfortran is installed, so jblas runs natively:\n"
                    + r.stdout + r.stderr);
        }
        assertFalse(r.stderr.contains("org.jblas"), "jblas's own chatter is silenced:\n" + r.stderr);
        assertProductMatchesNaiveLoop(r.stdout);
    }

    @Test
    void atTheDigitsSizesTheJavaFallbackGivesTheNativeNumbersTo1e12(@TempDir Path dir) throws Exception {
        Path fakeLibs = Files.createDirectories(dir.resolve("lib"));
        Files.writeString(fakeLibs.resolve("libgfortran.so.5"), "not a shared library");
        Result fallback = runProbe(DigitsProbe.class, fakeLibs.toString(), dir.resolve("fallback"));
        Result usual = runProbe(DigitsProbe.class, null, dir.resolve("usual"));
        assertEquals(0, fallback.exitCode, fallback.stderr);
        assertEquals(0, usual.exitCode, usual.stderr);
        assertTrue(fallback.stdout.contains("native=false"), fallback.stdout + fallback.stderr);
        if (Files.exists(Path.of("/usr/lib/x86_64-linux-gnu/libgfortran.so.5"))) {
            assertTrue(usual.stdout.contains("native=true"), usual.stdout + usual.stderr);
        }
        List<String> javaHere = digitsNumbers(true);
        List<String> withoutNative = fallback.stdout.lines().filter(l -> !l.startsWith("native=")).toList();
        List<String> withNative = usual.stdout.lines().filter(l -> !l.startsWith("native=")).toList();
        assertEquals("samples=1797", javaHere.get(0));
        assertEquals(javaHere.size(), withoutNative.size(), fallback.stdout);
        assertEquals(javaHere.size(), withNative.size(), usual.stdout);
        for (int k = 0; k < javaHere.size(); k++) {
            assertSameNumbers(withNative.get(k), withoutNative.get(k));
            assertSameNumbers(javaHere.get(k), withoutNative.get(k));
        }
    }

    /** The same label and, number by number, the same values to 1e-12 (counts exactly). */
    private static void assertSameNumbers(String expected, String actual) {
        String label = expected.substring(0, expected.indexOf('='));
        assertTrue(actual.startsWith(label + "="), expected + " / " + actual);
        String[] e = expected.substring(label.length() + 1).replaceAll("[\\[\\]]", "").split(",");
        String[] a = actual.substring(label.length() + 1).replaceAll("[\\[\\]]", "").split(",");
        assertEquals(e.length, a.length, label);
        for (int k = 0; k < e.length; k++) {
            assertEquals(Double.parseDouble(e[k]), Double.parseDouble(a[k]), 1e-12, label + " number " + k);
        }
    }

    private static void assertProductMatchesNaiveLoop(String stdout) {
        String line = stdout.lines().filter(l -> l.startsWith("product=")).findFirst().orElseThrow();
        String[] values = line.substring("product=".length()).split(",");
        DoubleMatrix a = fixture(5, 7, 1);
        DoubleMatrix b = fixture(7, 9, 2);
        assertEquals(5 * 9, values.length);
        for (int col = 0; col < 9; col++) {
            for (int row = 0; row < 5; row++) {
                double expected = 0;
                for (int k = 0; k < 7; k++) expected += a.get(row, k) * b.get(k, col);
                assertEquals(expected, Double.parseDouble(values[col * 5 + row]), 1e-12);
            }
        }
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    private static Result runProbe(String libraryPath, Path dir) throws IOException, InterruptedException {
        return runProbe(Probe.class, libraryPath, dir);
    }

    private static Result runProbe(Class<?> probe, String libraryPath, Path dir)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", classpath,
                // a fresh temp dir: jblas unpacks its native libraries there
                "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")),
                probe.getName());
        if (libraryPath != null) pb.environment().put("LD_LIBRARY_PATH", libraryPath);
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        File out = dir.resolve("out.txt").toFile();
        File err = dir.resolve("err.txt").toFile();
        pb.redirectOutput(out).redirectError(err);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe finished");
        return new Result(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                Files.readString(err.toPath(), StandardCharsets.UTF_8));
    }
}

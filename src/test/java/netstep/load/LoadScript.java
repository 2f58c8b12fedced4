package netstep.load;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A class of simulated students against a netstep server on loopback. Not a unit test: run it by hand
 * (see docs/performance.md). It starts {@code target/netstep.jar} itself, with the environment and JVM options of the
 * Procfile's web line (and -Xmx256m unless that sets a heap size or --xmx overrides it), lets N students
 * (default 200, arriving within a minute) each open a session, build a network and click through every phase
 * of their steps, finish epochs and, for every tenth student, run a short training and poll its progress. A
 * student clicks again 250 to 750 ms after each answer (--think-ms 500; 0 clicks as soon as the answer is in,
 * which measures the server's capacity rather than a class). It stops after the planned requests or the time limit, whichever comes first, and
 * prints throughput, latency percentiles, errors and the server's resident memory (VmRSS and its peak VmHWM).
 * With {@code --class true} the students are issue 16's class instead ({@link ClassScenario}): they join an
 * instructor's class, step through a lesson with questions and answer them, their class line polls, and one
 * dashboard polls every 2 s; the script then says whether each of the targets is met.
 *
 * <pre>java -cp target/test-classes netstep.load.LoadScript [--students 200] [--steps 40] [--seconds 240]
 *      [--think-ms 500] [--ramp-seconds 60] [--jar target/netstep.jar] [--xmx 256m] [--jvm-args "-Xlog:gc"]
 *      [--class true]</pre>
 */
public final class LoadScript {
    private final int students;
    private final int stepsPerStudent;
    private final long thinkMillis;
    private final long rampMillis;
    private final Duration limit;
    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
    private final AtomicInteger errors = new AtomicInteger();
    private final Map<String, AtomicInteger> errorKinds = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private volatile long deadline;
    private final String acceptEncoding;
    /** Issue 16's class, or null for students stepping alone. */
    private ClassScenario classScenario;

    private LoadScript(int students, int stepsPerStudent, long thinkMillis, long rampMillis, Duration limit,
                       String base, String acceptEncoding) {
        this.students = students;
        this.stepsPerStudent = stepsPerStudent;
        this.thinkMillis = thinkMillis;
        this.rampMillis = rampMillis;
        this.limit = limit;
        this.base = base;
        this.acceptEncoding = acceptEncoding;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int students = Integer.parseInt(options.getOrDefault("students", "200"));
        int steps = Integer.parseInt(options.getOrDefault("steps", "40"));
        Duration limit = Duration.ofSeconds(Long.parseLong(options.getOrDefault("seconds", "240")));
        String jar = options.getOrDefault("jar", "target/netstep.jar");
        String acceptEncoding = "false".equals(options.get("gzip")) ? "identity" : "gzip, deflate, br, zstd";
        long think = Long.parseLong(options.getOrDefault("think-ms", "500"));
        long ramp = 1000 * Long.parseLong(options.getOrDefault("ramp-seconds", "60"));
        if (students < 1 || students > 2000 || steps < 1 || steps > 10_000 || limit.toSeconds() > 1800) {
            throw new IllegalArgumentException("students 1..2000, steps 1..10000, seconds at most 1800");
        }
        if (!new File(jar).isFile()) throw new IllegalStateException(jar + " is missing: run mvn -DskipTests package");
        boolean inClass = Boolean.parseBoolean(options.getOrDefault("class", "false"));

        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("netstep-load-server", ".log");
        // the server runs as the Procfile runs it (its environment and JVM options), on -Xmx256m unless --xmx says
        ProcfileCommand procfile = ProcfileCommand.read(Path.of("Procfile"));
        List<String> command = new ArrayList<>(List.of(java));
        String xmx = options.get("xmx");
        for (String option : procfile.jvmOptions()) {
            if (!(xmx != null && option.startsWith("-Xmx"))) command.add(option);
        }
        if (xmx != null || procfile.jvmOptions().stream().noneMatch(o -> o.startsWith("-Xmx"))) {
            command.add("-Xmx" + (xmx == null ? "256m" : xmx));
        }
        String jvmArgs = options.getOrDefault("jvm-args", "");
        if (!jvmArgs.isBlank()) command.addAll(List.of(jvmArgs.trim().split("\\s+")));
        command.addAll(List.of("-jar", jar));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(procfile.environment());
        pb.environment().put("PORT", String.valueOf(port));
        String password = "load-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        if (inClass) pb.environment().put("NETSTEP_INSTRUCTOR_PASSWORD", password);
        // an empty database of its own each run, so that runs compare and ./data is left alone
        Path dataDir = Files.createTempDirectory("netstep-load-data");
        if (!procfile.environment().containsKey("NETSTEP_DATA_DIR") && System.getenv("DATABASE_URL") == null) {
            pb.environment().put("NETSTEP_DATA_DIR", dataDir.toString());
        }
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        System.out.printf(Locale.ROOT, "Server: %s %s%n", procfile.environment().entrySet().stream()
                .map(v -> v.getKey() + "=" + v.getValue()).collect(Collectors.joining(" ")),
                String.join(" ", command.subList(1, command.size())));
        Process server = pb.start();
        try {
            LoadScript load = new LoadScript(students, steps, think, ramp, limit, "http://127.0.0.1:" + port,
                    acceptEncoding);
            if (inClass) load.classScenario = new ClassScenario(load, password);
            load.awaitHealthy();
            System.out.printf(Locale.ROOT, "Server pid %d on 127.0.0.1:%d, %d cores; log in %s%n",
                    server.pid(), port, Runtime.getRuntime().availableProcessors(), log);
            System.out.printf(Locale.ROOT, "RSS after start-up: %s%n", memory(server.pid()));
            load.run();
            System.out.printf(Locale.ROOT, "Server memory at the end: %s%n", memory(server.pid()));
            load.targets(server.pid());
            System.out.printf(Locale.ROOT, "CPU time: server %s, this load generator %.1f s%n", cpu(server.pid()),
                    ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(-1.0));
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
            server.destroyForcibly();
            try (Stream<Path> files = Files.walk(dataDir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
            }
        }
    }

    private void run() throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(students);
        long start = System.nanoTime();
        deadline = start + limit.toNanos();
        Thread dashboard = null;
        if (classScenario != null) {
            if (!classScenario.setUp()) throw new IllegalStateException("the instructor could not open the class: " + errorKinds);
            dashboard = new Thread(classScenario::dashboard, "dashboard");
            dashboard.start();
        }
        for (int s = 0; s < students; s++) {
            int student = s;
            pool.execute(() -> {
                sleep(rampMillis * student / students); // students arriving over the ramp rather than all at once
                if (classScenario == null) student(student); else classScenario.student(student, stepsPerStudent);
            });
        }
        pool.shutdown();
        boolean finished = pool.awaitTermination(limit.toSeconds() + 30, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdownNow();
        if (dashboard != null) {
            classScenario.studentsDone();
            dashboard.join(10_000);
        }

        System.out.printf(Locale.ROOT, "think time between clicks: %d ms on average (0 = none), arrivals spread over %d s%n", thinkMillis,
                rampMillis / 1000);
        System.out.printf(Locale.ROOT, "%d students, %d requests in %.1f s%s: %.0f requests/s%n", students,
                requests.get(), seconds, finished && System.nanoTime() < deadline ? "" : " (stopped at the time limit)",
                requests.get() / seconds);
        System.out.printf(Locale.ROOT, "errors: %d %s%n", errors.get(), errorKinds);
        System.out.printf(Locale.ROOT, "received %.1f MB compressed, %.1f KB an answer, %.1f MB/s%n",
                bytesReceived.get() / 1e6, bytesReceived.get() / 1e3 / Math.max(1, requests.get()),
                bytesReceived.get() / 1e6 / seconds);
        List<String> kinds = new ArrayList<>(latencies.keySet());
        kinds.sort(null);
        List<Long> all = new ArrayList<>();
        for (String kind : kinds) {
            List<Long> l = latencies.get(kind);
            synchronized (l) {
                all.addAll(l);
                print(kind, l);
            }
        }
        print("all", all);
    }

    /** One student: open the page, build a network, click through phases and epochs, sometimes train. */
    private void student(int number) {
        String[] cookie = {null};
        if (!send("page", cookie, get("/"))) return;
        think();
        String hidden = number % 2 == 0 ? "4" : "8,8";
        send("configure", cookie, post("/configure", "inputs=3&hidden=" + hidden.replace(",", "%2C")
                + "&outputs=2&hiddenActivation=sigmoid&outputActivation=identity&slope=0.02&loss=l2"
                + "&learningRate=0.1&seed=" + number + "&dataset=regression-3-2&order=shuffled"));
        for (int step = 0; step < stepsPerStudent; step++) {
            for (int phase = 0; phase < 5; phase++) {
                if (!send("step", cookie, post("/step", "action=next"))) return;
                think();
            }
            if (step % 10 == 9 && !send("step", cookie, post("/step", "action=epoch"))) return;
        }
        if (number % 10 == 0) {
            if (!send("train", cookie, post("/train", "epochs=200"))) return;
            for (int poll = 0; poll < 60; poll++) {
                HttpResponse<byte[]> r = exchange("poll", cookie, get("/training"));
                if (r == null || r.headers().firstValue("HX-Retarget").isPresent()) break;
                sleep(500);
            }
        }
        send("page", cookie, get("/"));
    }

    /** As a browser asks: compressed answers, which the server pays for in CPU (unless --gzip false). */
    HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("HX-Request", "true")
                .header("Accept-Encoding", acceptEncoding).GET();
    }

    HttpRequest.Builder post(String path, String form) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("HX-Request", "true")
                .header("Accept-Encoding", acceptEncoding)
                .header("Sec-Fetch-Site", "same-origin").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
    }

    boolean send(String kind, String[] cookie, HttpRequest.Builder request) {
        return exchange(kind, cookie, request) != null;
    }

    /** The answer, or null when the time is up or it failed (then counted as an error). */
    HttpResponse<byte[]> exchange(String kind, String[] cookie, HttpRequest.Builder request) {
        if (System.nanoTime() > deadline) return null;
        if (cookie[0] != null) request.header("Cookie", cookie[0]);
        request.timeout(Duration.ofSeconds(30));
        long t0 = System.nanoTime();
        try {
            HttpResponse<byte[]> r = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            long micros = (System.nanoTime() - t0) / 1000;
            requests.incrementAndGet();
            bytesReceived.addAndGet(r.body().length);
            latencies.computeIfAbsent(kind, k -> new ArrayList<>());
            List<Long> l = latencies.get(kind);
            synchronized (l) {
                l.add(micros);
            }
            r.headers().firstValue("Set-Cookie").ifPresent(c -> cookie[0] = c.split(";")[0]);
            if (r.statusCode() >= 400) {
                error(kind + " " + r.statusCode());
                return null;
            }
            return r;
        } catch (IOException e) {
            requests.incrementAndGet();
            error(kind + " " + e.getClass().getSimpleName());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    boolean timeUp() {
        return System.nanoTime() > deadline;
    }

    /**
     * Issue 16's targets for a class on the Procfile's server: no errors, a step's p99 under 100 ms, the dashboard's
     * p99 under 250 ms, and the server's resident memory under 400 MB (its peak, VmHWM, the strictest reading).
     */
    private void targets(long pid) {
        long peakKb = kilobytes(pid, "VmHWM");
        System.out.printf(Locale.ROOT, "TARGETS: errors %d (0) %s; step p99 %s (< 100 ms) %s; dashboard p99 %s "
                        + "(< 250 ms) %s; resident peak %s (< 400 MB) %s%n",
                errors.get(), errors.get() == 0 ? "met" : "MISSED",
                p99Text("step"), verdict(p99("step"), 100), p99Text("dashboard"), verdict(p99("dashboard"), 250),
                peakKb < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f MB", peakKb / 1024.0),
                verdict(peakKb < 0 ? Double.NaN : peakKb / 1024.0, 400));
    }

    private double p99(String kind) {
        List<Long> l = latencies.get(kind);
        if (l == null) return Double.NaN;
        synchronized (l) {
            return l.isEmpty() ? Double.NaN : percentile(l.stream().mapToLong(Long::longValue).sorted().toArray(), 99);
        }
    }

    private String p99Text(String kind) {
        double p = p99(kind);
        return Double.isNaN(p) ? "none measured" : String.format(Locale.ROOT, "%.1f ms", p);
    }

    private static String verdict(double value, double limit) {
        return Double.isNaN(value) ? "(not measured)" : value < limit ? "met" : "MISSED";
    }

    private static long kilobytes(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private void error(String kind) {
        errors.incrementAndGet();
        errorKinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
    }

    private static void print(String kind, List<Long> micros) {
        if (micros.isEmpty()) return;
        long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-9s %7d requests  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  max %7.1f ms%n",
                kind, sorted.length, percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99),
                sorted[sorted.length - 1] / 1000.0);
    }

    private static double percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1000.0;
    }

    private void awaitHealthy() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the server did not start within 60 s");
    }

    /** utime + stime from /proc/<pid>/stat, in seconds (clock ticks of 1/100 s). */
    private static String cpu(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return String.format(Locale.ROOT, "%.1f s", (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** VmRSS and VmHWM (the peak) from /proc. */
    private static String memory(long pid) {
        try {
            Map<String, String> status = new HashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                String[] kv = line.split(":\\s+", 2);
                if (kv.length == 2) status.put(kv[0], kv[1].trim());
            }
            return "VmRSS " + status.get("VmRSS") + ", peak VmHWM " + status.get("VmHWM");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /**
     * A student's pause after an answer: uniformly between half and one and a half times --think-ms, so that 200
     * students do not click in lockstep. At the default 500 ms that is 250 to 750 ms: a glance and a click, about
     * as fast as a person reacts to what changed on the page.
     */
    void think() {
        if (thinkMillis > 0) sleep(thinkMillis / 2 + ThreadLocalRandom.current().nextLong(thinkMillis + 1));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected " + Arrays.toString(args));
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }

    /** The Procfile's web line: {@code web: [NAME=value ...] java [options] -jar ...}. */
    record ProcfileCommand(Map<String, String> environment, List<String> jvmOptions) {
        static ProcfileCommand read(Path procfile) throws IOException {
            String web = Files.readAllLines(procfile).stream().filter(l -> l.startsWith("web:")).findFirst()
                    .orElseThrow(() -> new IllegalStateException(procfile + " has no web: line"));
            Map<String, String> environment = new HashMap<>();
            List<String> jvmOptions = new ArrayList<>();
            boolean sawJava = false;
            for (String word : web.substring(4).trim().split("\\s+")) {
                if (!sawJava && word.matches("[A-Z_][A-Z0-9_]*=.*")) {
                    environment.put(word.substring(0, word.indexOf('=')), word.substring(word.indexOf('=') + 1));
                } else if (!sawJava && word.equals("java")) {
                    sawJava = true;
                } else if (sawJava && word.equals("-jar")) {
                    break;
                } else if (sawJava) {
                    jvmOptions.add(word);
                }
            }
            if (!sawJava) throw new IllegalStateException("the web: line of " + procfile + " does not run java");
            return new ProcfileCommand(environment, jvmOptions);
        }
    }
}

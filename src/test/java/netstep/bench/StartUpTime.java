package netstep.bench;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Process start to the first 200 on {@code /}: the shaded jar in a child process, polled every 5 ms. */
final class StartUpTime {
    static final Path JAR = Path.of("target", "netstep.jar");
    static final Path ARCHIVE = Path.of("target", "netstep.jsa");

    private StartUpTime() {
    }

    static Benchmarks.Figure millisToFirstPage(int runs) throws IOException, InterruptedException {
        if (!JAR.toFile().isFile()) throw new IllegalStateException(JAR + " is missing: run 'mvn -P bench verify'");
        double[] millis = new double[runs];
        for (int r = 0; r < runs; r++) millis[r] = once();
        return Benchmarks.Figure.of(millis);
    }

    private static double once() throws IOException, InterruptedException {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        // as README.md and the Procfile start it: with the class archive the build makes beside the jar
        if (ARCHIVE.toFile().isFile()) command.add("-XX:SharedArchiveFile=" + ARCHIVE);
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(new File("/dev/null")));
        builder.environment().put("PORT", String.valueOf(port));
        long start = System.nanoTime();
        Process server = builder.start();
        try {
            awaitFirstPage(server, port);
            return (System.nanoTime() - start) / 1e6;
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** Polls {@code /} every 5 ms until it answers 200 (at most 30 s). */
    static void awaitFirstPage(Process server, int port) throws InterruptedException {
        long start = System.nanoTime();
        while (!answers200(port)) {
            if (!server.isAlive()) throw new IllegalStateException("the server exited with " + server.exitValue());
            if (System.nanoTime() - start > 30_000_000_000L) throw new IllegalStateException("no 200 within 30 s");
            Thread.sleep(5);
        }
    }

    private static boolean answers200(int port) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL("http://localhost:" + port + "/").openConnection();
            connection.setConnectTimeout(200);
            connection.setReadTimeout(5000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException notYet) {
            return false;
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

package netstep.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The server as its own JVM ({@code java -cp <test classpath> netstep.Main}), to be killed like a PaaS instance. */
final class ServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(40);

    private final Process process;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server with these environment variables (PORT is chosen here) and waits until it answers. */
    static ServerProcess start(Map<String, String> environment) throws IOException, InterruptedException {
        int port = freePort();
        Path log = Files.createTempFile("netstep-server-", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "netstep.Main");
        builder.environment().remove("DATABASE_URL");
        builder.environment().remove("NETSTEP_DATA_DIR");
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        ServerProcess server = new ServerProcess(builder.start(), port, log);
        server.awaitAnswer();
        return server;
    }

    int port() {
        return port;
    }

    private void awaitAnswer() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("the server exited:\n" + Files.readString(log));
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/lessons"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        kill();
        throw new IllegalStateException("the server did not answer within " + START_TIMEOUT + ":\n" + Files.readString(log));
    }

    /** SIGKILL: no shutdown hook, no flush; what was not stored is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        kill();
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

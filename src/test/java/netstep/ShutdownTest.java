package netstep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** SIGTERM, as a PaaS sends it before a restart: the request in flight is answered, then the JVM exits. */
class ShutdownTest {
    @TempDir
    Path dir;

    @Test
    void sigtermDrainsTheRequestInFlightAndExitsCleanly() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", classpath, Main.class.getName());
        pb.environment().put("PORT", String.valueOf(port));
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        File log = dir.resolve("server.log").toFile();
        pb.redirectErrorStream(true).redirectOutput(log);
        Process server = pb.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            waitUntilHealthy(client, base);

            CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/api/train")).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(aSecondOfTraining())).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(300);
            assertFalse(inFlight.isDone(), "the training request is still running when SIGTERM arrives");
            server.destroy(); // SIGTERM

            HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode());
            assertTrue(answer.body().contains("\"lossHistory\""));
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server exits");
            assertEquals(143, server.exitValue(), "a JVM ended by SIGTERM reports 128 + 15");
            String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
            assertTrue(output.contains("netstep stopped cleanly"), output);
            assertFalse(output.contains("Exception"), output);
        } finally {
            server.destroyForcibly();
        }
    }

    private static void waitUntilHealthy(HttpClient client, String base) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        fail("the server did not start");
    }

    /** A 3-64-2 network, 12 samples, 3,000 epochs: about a second or two of work for /api/train. */
    private static String aSecondOfTraining() {
        Random random = new Random(5);
        StringBuilder json = new StringBuilder("{\"network\":{\"layers\":[{\"weights\":[");
        for (int j = 0; j < 64; j++) json.append(j > 0 ? "," : "").append(row(random, 3));
        json.append("],\"biases\":").append(row(random, 64)).append(",\"activation\":\"sigmoid\"},{\"weights\":[")
                .append(row(random, 64)).append(",").append(row(random, 64))
                .append("],\"biases\":[0,0],\"activation\":\"identity\"}]},\"loss\":\"l2\",\"learningRate\":0.01,")
                .append("\"epochs\":3000,\"samples\":[");
        for (int s = 0; s < 12; s++) {
            json.append(s > 0 ? "," : "").append("{\"x\":").append(row(random, 3)).append(",\"y\":")
                    .append(row(random, 2)).append("}");
        }
        return json.append("]}").toString();
    }

    private static String row(Random random, int n) {
        StringBuilder row = new StringBuilder("[");
        for (int i = 0; i < n; i++) row.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "%.3f", 2 * random.nextDouble() - 1));
        return row.append("]").toString();
    }
}

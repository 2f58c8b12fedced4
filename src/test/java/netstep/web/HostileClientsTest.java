package netstep.web;

import netstep.json.LessonParser;
import io.javalin.Javalin;
import netstep.experiment.TrainingPool;
import netstep.store.Database;
import netstep.store.JdbcExperimentRepository;
import netstep.store.SessionStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Clients that try to take the server down for everyone: bodies trickled a byte at a time, many maximum-work
 * training calls at once, malformed addresses, oversized and malformed bodies. Throughout, {@code /health} answers
 * within 2 s, and a bystander student's experiment is byte-for-byte what it was. Seeded and bounded: it runs in
 * about half a minute.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileClientsTest {
    static final Duration HEALTH_LIMIT = Duration.ofSeconds(2);
    private static final List<String> LIBRARY_WORDS = List.of("org.eclipse", "jetty", "javalin", "jackson",
            "fasterxml", "JsonNode", "FAIL_ON", "Exception", "java.", "<html", "at netstep");

    @TempDir
    static Path dataDir;
    static Database database;
    static Javalin app;
    static TrainingPool pool;
    static int port;
    static WebClient bystander;
    static String bystanderBefore;

    @BeforeAll
    static void start() {
        database = Database.embedded(dataDir);
        pool = new TrainingPool(1, 3);
        app = App.create(new SessionStore(), LessonParser.library(null), pool,
                new JdbcExperimentRepository(database.dataSource()), Connections.DEFAULTS).start("127.0.0.1", 0);
        port = app.port();
        bystander = new WebClient(port);
        bystander.get("/");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, bystander.postForm("/step", Map.of("action", "whole"), true).statusCode());
        }
        bystanderBefore = bystander.get("/export/experiment.json").body();
        // the server's code compiled once, as on a server that has been up a while
        for (int i = 0; i < 3; i++) {
            assertEquals(200, bystander.postJson("/api/train", smallTraining()).statusCode());
            assertEquals(200, get("/health").statusCode());
        }
    }

    private static String smallTraining() {
        return "{\"network\":{\"layers\":[" + layer(new Random(3), 2, 2, "tanh") + "]},\"loss\":\"l2\","
                + "\"learningRate\":0.1,\"epochs\":2,\"samples\":[{\"x\":[1,2],\"y\":[0,1]}]}";
    }

    @AfterAll
    static void stop() {
        pool.close(); // ends the training calls still running or queued, which would hold the stop for their drain
        app.stop();
        database.close();
    }

    // ------------------------------------------------------------------ slow clients

    @Test
    @Order(1)
    void fortyClientsTricklingABodyCannotStopHealthAnswering() throws Exception {
        List<Socket> tricklers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Socket s = new Socket("127.0.0.1", port);
            s.setSoTimeout(5_000);
            s.getOutputStream().write(("POST /configure HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\nin")
                    .getBytes(StandardCharsets.US_ASCII));
            tricklers.add(s);
        }
        AtomicBoolean trickling = new AtomicBoolean(true);
        Thread trickler = new Thread(() -> {
            while (trickling.get()) {
                for (Socket s : tricklers) {
                    try {
                        if (!s.isOutputShutdown()) s.getOutputStream().write('a');
                    } catch (IOException closedByServer) {
                        try {
                            s.shutdownOutput();
                        } catch (IOException ignored) {
                            // already gone
                        }
                    }
                }
                sleep(150);
            }
        });
        trickler.start();
        try {
            Duration slowest = watchHealth(Duration.ofSeconds(6), () -> null);
            System.out.println("HostileClientsTest: 40 clients trickling a byte every 150 ms; slowest /health "
                    + slowest.toMillis() + " ms");
            assertTrue(slowest.compareTo(HEALTH_LIMIT) < 0, "/health took " + slowest.toMillis() + " ms");
        } finally {
            trickling.set(false);
            trickler.join();
        }
        int ended = 0;
        String answer = "";
        for (Socket s : tricklers) {
            try (s; InputStream in = s.getInputStream()) {
                String got = new String(in.readNBytes(4096), StandardCharsets.ISO_8859_1);
                if (got.startsWith("HTTP/1.1 4")) {
                    ended++;
                    answer = got;
                }
            } catch (IOException reset) {
                ended++; // the server closed the connection
            }
        }
        assertEquals(40, ended, "every trickling request was ended by the server, not left to hold a thread");
        if (!answer.isEmpty()) assertErrorAnswer(answer);
    }

    // ------------------------------------------------------------------ training calls

    @Test
    @Order(10)
    void fortyMaximumWorkTrainingCallsAreQueuedOrRefusedAndHealthStillAnswers() throws Exception {
        String body = maximumWorkTraining(new Random(17));
        ConcurrentLinkedQueue<HttpResponse<String>> refusals = new ConcurrentLinkedQueue<>();
        AtomicInteger finished = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(40);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            Duration slowest = watchHealth(Duration.ofSeconds(4), () -> {
                for (int i = 0; i < 40; i++) {
                    clients.submit(() -> {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/api/train"))
                                .timeout(Duration.ofSeconds(90)).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() != 200) refusals.add(r);
                        else finished.incrementAndGet();
                        return r;
                    });
                }
                return null;
            });
            System.out.println("HostileClientsTest: 40 maximum-work /api/train calls; slowest /health "
                    + slowest.toMillis() + " ms, " + refusals.size() + " refused with 429");
            assertTrue(slowest.compareTo(HEALTH_LIMIT) < 0, "/health took " + slowest.toMillis() + " ms");
        } finally {
            // the calls the pool took go on for seconds each; the pool is closed, which ends them, after the class
            clients.shutdown();
        }
        // a run that finishes frees its place for one more call, so on a fast machine a few more are taken
        int finishedInTime = finished.get();
        assertFalse(refusals.isEmpty(), "40 calls at once overfill a pool of " + pool.capacity());
        assertTrue(refusals.size() >= 40 - pool.capacity() - finishedInTime, "the pool takes " + pool.capacity()
                + " calls, one running and the rest queued, plus one for each of the " + finishedInTime
                + " that finished, and refuses the others at once; it refused " + refusals.size());
        for (HttpResponse<String> r : refusals) {
            assertEquals(429, r.statusCode(), r.body());
            assertTrue(r.body().contains("busy"), r.body());
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        }
    }

    /** epochs × samples × parameters as close to the limit as whole epochs allow. */
    static String maximumWorkTraining(Random random) {
        return training(random, ApiController.MAX_WORK);
    }

    /** A training call of about {@code work} epochs × samples × parameters (at least one epoch). */
    static String training(Random random, long work) {
        int inputs = 8;
        int hidden = 16;
        int samples = 500;
        int parameters = hidden * inputs + hidden + hidden + 1;
        int epochs = (int) Math.max(1, work / ((long) samples * parameters));
        StringBuilder json = new StringBuilder("{\"network\":{\"layers\":[");
        json.append(layer(random, hidden, inputs, "tanh")).append(',').append(layer(random, 1, hidden, "identity"));
        json.append("]},\"loss\":\"l2\",\"learningRate\":0.01,\"epochs\":").append(epochs).append(",\"samples\":[");
        for (int s = 0; s < samples; s++) {
            if (s > 0) json.append(',');
            json.append("{\"x\":").append(numbers(random, inputs)).append(",\"y\":").append(numbers(random, 1))
                    .append('}');
        }
        return json.append("]}").toString();
    }

    static String layer(Random random, int rows, int columns, String activation) {
        StringBuilder weights = new StringBuilder("[");
        for (int r = 0; r < rows; r++) weights.append(r > 0 ? "," : "").append(numbers(random, columns));
        return "{\"weights\":" + weights + "],\"biases\":" + numbers(random, rows) + ",\"activation\":\""
                + activation + "\"}";
    }

    private static String numbers(Random random, int n) {
        StringBuilder out = new StringBuilder("[");
        for (int i = 0; i < n; i++) out.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "%.3f",
                random.nextDouble() - 0.5));
        return out.append(']').toString();
    }

    // ------------------------------------------------------------------ addresses and bodies

    @Test
    @Order(3)
    void malformedAddressesGetASentenceAndTheSecurityHeaders() throws IOException {
        for (String target : List.of("/%00", "/static/%2e%2e/%2e%2e/pom.xml", "/static/..%2f..%2fpom.xml",
                "/%2e%2e/%2e%2e/etc/passwd", "/%", "/" + "a".repeat(70_000))) {
            String answer = raw("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 4"), target + ": " + head(answer));
            assertErrorAnswer(answer);
        }
        String hugeHeader = raw("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(70_000)
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(hugeHeader.startsWith("HTTP/1.1 431"), head(hugeHeader));
        assertErrorAnswer(hugeHeader);
    }

    @Test
    @Order(4)
    void oversizedBodiesGetASentenceAndTheSecurityHeaders() throws IOException {
        String megabyte = "x".repeat((int) App.MAX_REQUEST_BYTES + 1);
        for (String path : List.of("/configure", "/data/csv", "/step")) {
            String answer = raw("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + (megabyte.length() + 7)
                    + "\r\n\r\ninputs=" + megabyte);
            assertTrue(answer.startsWith("HTTP/1.1 413"), path + ": " + head(answer));
            assertErrorAnswer(answer);
            assertTrue(answer.contains("larger than the server accepts"), answer);
        }
        // over Jetty's own form limits (200,000 bytes, 1,000 fields) but under the app's 1 MB
        String manyFields = "a=1&".repeat(5_000);
        String bigForm = "inputs=" + "9".repeat(300_000);
        for (String form : List.of(manyFields, bigForm)) {
            String answer = raw("POST /configure HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
                    + "\r\n\r\n" + form);
            assertTrue(answer.startsWith("HTTP/1.1 4"), head(answer));
            assertErrorAnswer(answer, true);
        }
    }

    @Test
    @Order(5)
    void malformedJsonIsDescribedWithoutTheParsersNames() {
        WebClient client = new WebClient(port);
        for (String json : List.of("{\"network\": {}} {\"again\": 1}", "{\"network\": ", "{\"a\": tru}",
                "[1, 2", "{\"a\": 1,}", "{'a': 1}", "{\"a\": 01}", "[".repeat(2_000))) {
            for (String path : List.of("/api/step", "/api/train")) {
                HttpResponse<String> r = client.postJson(path, json);
                assertEquals(400, r.statusCode(), json + " " + r.body());
                assertTrue(r.body().startsWith("{\"error\":\""), r.body());
                for (String word : LIBRARY_WORDS) {
                    assertFalse(r.body().toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT)),
                            "names " + word + ": " + r.body());
                }
                assertTrue(r.body().contains("malformed JSON") || r.body().contains("must be a JSON object"),
                        r.body());
            }
        }
        HttpResponse<String> trailing = client.postJson("/api/step", "{\"a\": 1}\n{\"b\": 2}");
        assertTrue(trailing.body().contains("line 2"), trailing.body());
    }

    // ------------------------------------------------------------------ the bystander

    @Test
    @Order(90)
    void theBystandersExperimentIsByteForByteWhatItWas() {
        assertEquals(bystanderBefore, bystander.get("/export/experiment.json").body());
        assertEquals(200, bystander.postForm("/step", Map.of("action", "whole"), true).statusCode(),
                "and the bystander carries on");
    }

    // ------------------------------------------------------------------ health

    @Test
    @Order(99)
    void healthSays503WhenTheDatabaseIsClosed() {
        HttpResponse<String> ok = get("/health");
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("\"database\":\"ok\""), ok.body());
        database.close();
        long started = System.nanoTime();
        HttpResponse<String> closed = get("/health");
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(HEALTH_LIMIT) < 0);
        assertEquals(503, closed.statusCode(), closed.body());
        assertTrue(closed.body().contains("\"status\":\"unavailable\""), closed.body());
        assertTrue(closed.body().contains("database does not answer"), closed.body());
        assertEquals("nosniff", closed.headers().firstValue("X-Content-Type-Options").orElse(""));

        // a first visit while the database is away is not told a change of theirs was lost
        HttpResponse<String> newcomer = new WebClient(port).get("/");
        assertEquals(503, newcomer.statusCode());
        assertFalse(newcomer.body().contains("could not be saved"), newcomer.body());
        assertTrue(newcomer.body().contains("database is unavailable"), newcomer.body());
    }

    // ------------------------------------------------------------------ helpers

    /** Runs {@code attack}, then asks /health every 200 ms for {@code during}; the slowest answer. */
    static Duration watchHealth(Duration during, Supplier<Void> attack) throws Exception {
        attack.get();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        AtomicLong slowest = new AtomicLong();
        long end = System.nanoTime() + during.toNanos();
        ExecutorService watcher = Executors.newSingleThreadExecutor();
        try {
            while (System.nanoTime() < end) {
                long started = System.nanoTime();
                Future<HttpResponse<String>> answer = watcher.submit(() -> http.send(HttpRequest.newBuilder(
                        uri("/health")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()));
                HttpResponse<String> health;
                try {
                    health = answer.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    return Duration.ofSeconds(10);
                }
                slowest.accumulateAndGet(System.nanoTime() - started, Math::max);
                assertEquals(200, health.statusCode(), health.body());
                sleep(200);
            }
        } finally {
            watcher.shutdownNow();
        }
        return Duration.ofNanos(slowest.get());
    }

    static void assertErrorAnswer(String answer) {
        assertErrorAnswer(answer, false);
    }

    /** A status line, headers and a body that an error answer of the app must have; maybe the page with a notice. */
    static void assertErrorAnswer(String answer, boolean page) {
        int split = answer.indexOf("\r\n\r\n");
        assertTrue(split > 0, answer);
        String headers = answer.substring(0, split).toLowerCase(Locale.ROOT);
        String body = answer.substring(split + 4);
        for (Map.Entry<String, String> h : Security.HEADERS.entrySet()) {
            assertTrue(headers.contains(h.getKey().toLowerCase(Locale.ROOT) + ": " + h.getValue().toLowerCase(Locale.ROOT)),
                    "missing " + h.getKey() + " in\n" + answer.substring(0, split));
        }
        assertTrue(body.contains(". ") || body.strip().endsWith("."), "a sentence, not " + body);
        for (String word : LIBRARY_WORDS) {
            if (page && word.equals("<html")) continue;
            assertFalse(body.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT)), word + " in " + body);
        }
    }

    /** Sends {@code request} as it is on a socket of its own and reads the whole answer. */
    static String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(15_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (IOException refusedEarly) {
                // the server may answer and close before it has read all of an oversized request
            }
            try {
                return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (IOException reset) {
                throw new UncheckedIOException("no answer to " + head(request), reset);
            }
        }
    }

    private static String head(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

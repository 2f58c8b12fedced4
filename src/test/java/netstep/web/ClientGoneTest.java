package netstep.web;

import netstep.json.LessonParser;
import io.javalin.Javalin;
import netstep.experiment.TrainingPool;
import netstep.store.SessionStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A client that closes its connection while its {@code /api/train} call runs frees the training worker at once,
 * instead of after the run's 30 s budget; a client that stays gets its answers, on the same connection too.
 */
class ClientGoneTest {
    static TrainingPool pool;
    static Javalin app;

    @BeforeAll
    static void start() {
        pool = new TrainingPool(1, 1);
        app = App.create(new SessionStore(), LessonParser.library(null), pool, null, Connections.DEFAULTS).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        pool.close();
        app.stop();
    }

    @Test
    void closingTheConnectionStopsTheRunAndItsQueuedSuccessor() throws Exception {
        String body = HostileClientsTest.maximumWorkTraining(new Random(5));
        Socket running = send(post("/api/train", body));
        waitFor(() -> pool.pending() == 1, 10_000, "the first call runs");
        Socket queued = send(post("/api/train", body));
        waitFor(() -> pool.pending() == 2, 10_000, "the second call waits for the worker");
        // the pool is full: a third call is refused, as long as the two runs are wanted
        try (Socket third = send(post("/api/train", body))) {
            assertTrue(answer(third).startsWith("HTTP/1.1 429"), "a full pool refuses");
        }

        long closed = System.nanoTime();
        running.close();
        queued.close();
        waitFor(() -> pool.pending() == 0, 5_000, "both calls end when their clients go");
        long freedMillis = (System.nanoTime() - closed) / 1_000_000;

        // the worker is free: a new call runs now instead of being refused or waiting for two maximum runs
        try (Socket next = send(post("/api/train", smallTraining()))) {
            String answer = answer(next);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(answer.contains("lossHistory"), answer);
        }
        long uncancelledMillis = timeOneMaximumRun(body);
        System.out.println("ClientGoneTest: worker free " + freedMillis + " ms after the clients closed; one "
                + "maximum-work run left alone takes " + uncancelledMillis + " ms");
        assertTrue(freedMillis < uncancelledMillis, "freed in " + freedMillis + " ms, before a run would have ended ("
                + uncancelledMillis + " ms)");
    }

    @Test
    void aClientThatWaitsGetsItsAnswersOnOneConnection() throws Exception {
        try (Socket s = send(post("/api/train", smallTraining()))) {
            String first = answer(s);
            assertTrue(first.startsWith("HTTP/1.1 200"), first);
            s.getOutputStream().write(post("/api/train", smallTraining()));
            String second = answer(s);
            assertTrue(second.startsWith("HTTP/1.1 200"), second);
        }
    }

    @Test
    void aRequestPipelinedDuringTheRunIsAnsweredAfterIt() throws Exception {
        // a run of a few hundred milliseconds, long enough for the next request to arrive while it runs
        try (Socket s = send(post("/api/train", training(300)))) {
            waitFor(() -> pool.pending() == 1, 10_000, "the call runs");
            s.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String first = answer(s);
            assertTrue(first.startsWith("HTTP/1.1 200") && first.contains("lossHistory"), first);
            String second = answer(s);
            assertTrue(second.startsWith("HTTP/1.1 200") && second.contains("\"status\""), second);
        }
    }

    private long timeOneMaximumRun(String body) throws Exception {
        long started = System.nanoTime();
        try (Socket s = send(post("/api/train", body))) {
            s.setSoTimeout(60_000);
            String answer = answer(s);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        }
        return (System.nanoTime() - started) / 1_000_000;
    }

    private static String smallTraining() {
        return training(2);
    }

    /** 200 samples, 8-16-1, this many epochs. */
    private static String training(int epochs) {
        Random random = new Random(11);
        StringBuilder json = new StringBuilder("{\"network\":{\"layers\":[")
                .append(HostileClientsTest.layer(random, 16, 8, "tanh")).append(',')
                .append(HostileClientsTest.layer(random, 1, 16, "identity"))
                .append("]},\"loss\":\"l2\",\"learningRate\":0.01,\"epochs\":").append(epochs).append(",\"samples\":[");
        for (int s = 0; s < 200; s++) {
            json.append(s > 0 ? "," : "").append("{\"x\":[");
            for (int i = 0; i < 8; i++) json.append(i > 0 ? "," : "").append(random.nextInt(100) / 100.0);
            json.append("],\"y\":[").append(random.nextInt(100) / 100.0).append("]}");
        }
        return json.append("]}").toString();
    }

    private static byte[] post(String path, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    private static Socket send(byte[] request) throws IOException {
        Socket s = new Socket("127.0.0.1", app.port());
        s.setSoTimeout(30_000);
        s.getOutputStream().write(request);
        s.getOutputStream().flush();
        return s;
    }

    /** One answer, read to its end (Content-Length or chunks); the connection stays open. */
    private static String answer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        String headers = line(in, "\r\n\r\n");
        String lower = headers.toLowerCase(Locale.ROOT);
        if (lower.contains("transfer-encoding: chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size; (size = Integer.parseInt(line(in, "\r\n").strip(), 16)) > 0; ) {
                body.write(in.readNBytes(size));
                line(in, "\r\n");
            }
            line(in, "\r\n");
            return headers + body.toString(StandardCharsets.UTF_8);
        }
        int length = 0;
        for (String header : lower.split("\r\n")) {
            if (header.startsWith("content-length:")) length = Integer.parseInt(header.substring(15).trim());
        }
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** Bytes up to and including {@code end}. */
    private static String line(InputStream in, String end) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.ISO_8859_1).endsWith(end)) {
            int b = in.read();
            if (b < 0) throw new IOException("connection closed after " + out);
            out.write(b);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, long millis, String what)
            throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) fail("waited " + millis + " ms for: " + what);
            Thread.sleep(5);
        }
    }
}

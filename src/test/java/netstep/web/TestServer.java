package netstep.web;

import netstep.json.LessonParser;
import io.javalin.Javalin;
import netstep.experiment.Experiment;
import netstep.experiment.TrainingPool;
import netstep.store.SessionStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The app on a random loopback port, with a plain HTTP client that carries one session cookie at a time. */
final class TestServer implements AutoCloseable {
    final SessionStore store;
    final Javalin app;
    final String base;

    TestServer() {
        this(new SessionStore(), new TrainingPool(1, 4));
    }

    TestServer(SessionStore store, TrainingPool pool) {
        this.store = store;
        this.app = App.create(store, LessonParser.library(null), pool, null, Connections.DEFAULTS).start("127.0.0.1", 0);
        this.base = "http://127.0.0.1:" + app.port();
    }

    /** With class mode as {@code classroom} has it, and unless null every experiment kept in {@code repository}. */
    TestServer(netstep.classroom.Classroom classroom, netstep.store.ExperimentRepository repository) {
        this.store = new SessionStore();
        this.app = App.create(store, LessonParser.library(null), new TrainingPool(1, 4), repository,
                Connections.DEFAULTS, classroom).start("127.0.0.1", 0);
        this.base = "http://127.0.0.1:" + app.port();
    }

    /** A new browser: GET / and keep the session cookie it was given. */
    Browser browser() {
        Browser b = new Browser();
        HttpResponse<String> page = b.get("/");
        b.cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        return b;
    }

    /** A browser with its own connections. */
    final class Browser {
        final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String cookie;
        final Map<String, String> headers = new LinkedHashMap<>();

        HttpResponse<String> get(String path) {
            return send(request(path).GET());
        }

        /** A form post as htmx sends it from the page. */
        HttpResponse<String> htmx(String path, String... fields) {
            return send(request(path).header("HX-Request", "true").header("Sec-Fetch-Site", "same-origin")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
        }

        HttpResponse<String> htmxGet(String path) {
            return send(request(path).header("HX-Request", "true").GET());
        }

        HttpResponse<String> post(String path, String... fields) {
            return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form(fields))));
        }

        HttpRequest.Builder request(String path) {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
            if (cookie != null) r.header("Cookie", cookie);
            headers.forEach(r::header);
            return r;
        }

        HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        String sessionId() {
            return cookie.substring(cookie.indexOf('=') + 1);
        }

        /** Looks at this browser's experiment on the server, under its session lock. */
        <T> T inspect(Function<Experiment, T> look) {
            SessionStore.Session session = store.open(sessionId());
            if (session.created()) throw new IllegalStateException("the session has ended");
            return session.run(look);
        }
    }

    static String form(String... fields) {
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            pairs.add(URLEncoder.encode(fields[i], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return pairs.stream().collect(Collectors.joining("&"));
    }

    @Override
    public void close() {
        app.stop();
    }
}

package netstep;

import netstep.json.LessonParser;
import io.javalin.Javalin;
import netstep.experiment.TrainingPool;
import netstep.store.Database;
import netstep.store.JdbcExperimentRepository;
import netstep.store.SessionStore;
import netstep.web.App;
import netstep.web.Connections;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Run by the build under {@code -XX:ArchiveClassesAtExit=target/netstep.jsa}: starts the app on a throwaway
 * database, opens the page and steps once, then exits, so that the JVM archives every class a start-up and a
 * first student load. {@code java -XX:SharedArchiveFile=target/netstep.jsa -jar target/netstep.jar} then maps
 * them instead of loading and verifying them one by one: on two cores the first page comes in about 1.4 s
 * instead of 2.8 s. A failure here only costs that speed-up, never the build.
 */
public final class ClassArchive {
    private ClassArchive() {
    }

    public static void main(String[] args) {
        Path directory = null;
        try {
            directory = Files.createTempDirectory("netstep-class-archive");
            try (Database database = Database.embedded(directory)) {
                Javalin app = App.create(new SessionStore(), LessonParser.library(null), new TrainingPool(1, 1),
                        new JdbcExperimentRepository(database.dataSource()), Connections.DEFAULTS).start("127.0.0.1", 0);
                try {
                    firstVisit("http://127.0.0.1:" + app.port());
                } finally {
                    app.stop();
                }
            }
        } catch (Exception | LinkageError e) {
            System.err.println("The class archive covers less than it could: " + e);
        } finally {
            deleteQuietly(directory);
        }
        System.exit(0);
    }

    private static void firstVisit(String base) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = page.headers().firstValue("Set-Cookie").orElse("").split(";")[0];
        for (int click = 0; click < 5; click++) {
            client.send(HttpRequest.newBuilder(URI.create(base + "/step")).header("Cookie", cookie)
                    .header("HX-Request", "true").header("Sec-Fetch-Site", "same-origin")
                    .header("Accept-Encoding", "gzip")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("action=next")).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void deleteQuietly(Path directory) {
        if (directory == null) return;
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory left behind
        }
    }
}

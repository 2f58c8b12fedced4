package netstep.lesson;

import netstep.experiment.InvalidInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Every lesson file: those in templates/ (packaged into the jar) and those in the folder named by the
 * environment variable NETSTEP_LESSONS, which an instructor can add to without rebuilding. A broken file is
 * listed as unavailable with its reason, and logged; the others still work.
 * <p>
 * The folder is looked at again when the lessons are asked for, at most once every {@link #RECHECK} (one listing
 * and a size and modification time per file), and read and parsed again only when a file there was added,
 * changed or removed: an instructor's new lesson appears without a restart, and no thread runs for it.
 */
public final class LessonLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(LessonLibrary.class);
    public static final String ENV = "NETSTEP_LESSONS";
    private static final long MAX_FILE_BYTES = 256 * 1024;
    /** How long the folder is trusted unchanged between two looks. */
    public static final Duration RECHECK = Duration.ofSeconds(2);

    /** A lesson file that could not be used, and why. */
    public record Unavailable(String id, String file, String reason) {
    }

    /** The lessons as read from one state of the folder, named by its fingerprint. */
    private record Snapshot(Map<String, Lesson> lessons, List<Unavailable> unavailable, String fingerprint) {
    }

    private final Map<String, String> packaged;
    private final Path folder;
    private final long recheckNanos;
    /** One request looks at the folder at a time; the others meanwhile use the lessons as they were. */
    private final ReentrantLock looking = new ReentrantLock();
    private volatile Snapshot snapshot;
    private volatile long nextLook;

    private final Parser parser;

    private LessonLibrary(Map<String, String> packaged, Path folder, Parser parser, Duration recheck) {
        this.parser = parser;
        this.packaged = Map.copyOf(packaged);
        this.folder = folder;
        this.recheckNanos = recheck.toNanos();
        String fingerprint = fingerprint();
        this.snapshot = read(fingerprint);
        this.nextLook = System.nanoTime() + recheckNanos;
    }

    /** Reads one lesson file, or throws InvalidInput saying why not (netstep.json.LessonParser, the file's form). */
    @FunctionalInterface
    public interface Parser {
        Lesson parse(String id, String text);
    }

    /**
     * The packaged lessons and, unless {@code extraFolder} is null, the instructor's own from that folder, each
     * read by {@code parser}.
     */
    public static LessonLibrary load(Path extraFolder, Parser parser) {
        return load(extraFolder, parser, RECHECK);
    }

    /** As {@link #load(Path, Parser)}, looking at the folder again at most once every {@code recheck}. */
    public static LessonLibrary load(Path extraFolder, Parser parser, Duration recheck) {
        return new LessonLibrary(packagedFiles(), extraFolder, parser, recheck);
    }

    private Snapshot read(String fingerprint) {
        Map<String, String> files = new LinkedHashMap<>(packaged);
        Map<String, Lesson> lessons = new LinkedHashMap<>();
        List<Unavailable> unavailable = new ArrayList<>();
        if (folder != null) {
            try {
                files.putAll(folderFiles(folder));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Lessons: cannot read the folder {} named by {}: {}", folder, ENV, e.getMessage());
                unavailable.add(new Unavailable("(" + ENV + ")", folder.toString(),
                        "the folder cannot be read: " + e.getMessage()));
            }
        }
        files.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(file -> {
            // a folder lesson with the name of a packaged one replaces it: the instructor's version wins
            String id = idOf(file.getKey());
            try {
                if (file.getValue() == null) throw new InvalidInput("the file is larger than 256 KB");
                lessons.put(id, parser.parse(id, file.getValue()));
            } catch (InvalidInput e) {
                LOG.warn("Lesson {} is unavailable: {}", file.getKey(), e.getMessage());
                unavailable.add(new Unavailable(id, file.getKey(), e.getMessage()));
            }
        });
        LOG.info("Lessons: {} available, {} unavailable", lessons.size(), unavailable.size());
        return new Snapshot(Collections.unmodifiableMap(lessons), List.copyOf(unavailable), fingerprint);
    }

    /** The lessons now: the folder is read again first if it is due for a look and has changed since. */
    private Snapshot current() {
        if (folder == null || System.nanoTime() - nextLook < 0 || !looking.tryLock()) return snapshot;
        try {
            if (System.nanoTime() - nextLook >= 0) {
                String fingerprint = fingerprint();
                if (!fingerprint.equals(snapshot.fingerprint())) {
                    LOG.info("Lessons: the folder {} changed; reading its lessons again", folder);
                    snapshot = read(fingerprint);
                }
                nextLook = System.nanoTime() + recheckNanos;
            }
            return snapshot;
        } finally {
            looking.unlock();
        }
    }

    /** Names, sizes and modification times of the folder's lesson files: what changes when one is saved. */
    private String fingerprint() {
        if (folder == null) return "";
        StringBuilder f = new StringBuilder();
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path p : paths.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    f.append(p.getFileName()).append('\u0000').append(a.size()).append('\u0000')
                            .append(a.lastModifiedTime().to(TimeUnit.NANOSECONDS)).append('\n');
                } catch (IOException gone) {
                    f.append(p.getFileName()).append("\u0000gone\n");
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unreadable: " + e.getMessage();
        }
        return f.toString();
    }

    public List<Lesson> lessons() {
        return List.copyOf(current().lessons().values());
    }

    public Optional<Lesson> lesson(String id) {
        return Optional.ofNullable(current().lessons().get(id));
    }

    public List<Unavailable> unavailable() {
        return current().unavailable();
    }

    static String idOf(String fileName) {
        String name = Path.of(fileName).getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }

    /** File name → text of every .json under templates/ on the classpath, from a folder or inside the jar. */
    private static Map<String, String> packagedFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        URL url = LessonLibrary.class.getClassLoader().getResource("templates");
        if (url == null) return files;
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    files.putAll(folderFiles(jar.getPath("/templates")));
                }
            } else {
                files.putAll(folderFiles(Path.of(uri)));
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            LOG.warn("Lessons: cannot list the packaged templates/: {}", e.getMessage());
        }
        return files;
    }

    private static Map<String, String> folderFiles(Path folder) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> paths = Files.list(folder)) {
            for (Path p : paths.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
                String name = p.getFileName().toString();
                // null marks a file too large to read
                files.put(name, Files.size(p) > MAX_FILE_BYTES ? null : Files.readString(p, StandardCharsets.UTF_8));
            }
        }
        return files;
    }
}

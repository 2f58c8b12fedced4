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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Every lesson file: those in templates/ (packaged into the jar) and those in the folder named by the
 * environment variable NETSTEP_LESSONS, which an instructor can add to without rebuilding. A broken file is
 * listed as unavailable with its reason, and logged; the others still work.
 */
public final class LessonLibrary {
    private static final Logger LOG = LoggerFactory.getLogger(LessonLibrary.class);
    public static final String ENV = "NETSTEP_LESSONS";
    private static final long MAX_FILE_BYTES = 256 * 1024;

    /** A lesson file that could not be used, and why. */
    public record Unavailable(String id, String file, String reason) {
    }

    private final Map<String, Lesson> lessons;
    private final List<Unavailable> unavailable;

    private LessonLibrary(Map<String, Lesson> lessons, List<Unavailable> unavailable) {
        this.lessons = Collections.unmodifiableMap(lessons);
        this.unavailable = List.copyOf(unavailable);
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
        Map<String, String> files = new LinkedHashMap<>(packagedFiles());
        Map<String, Lesson> lessons = new LinkedHashMap<>();
        List<Unavailable> unavailable = new ArrayList<>();
        if (extraFolder != null) {
            try {
                files.putAll(folderFiles(extraFolder));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Lessons: cannot read the folder {} named by {}: {}", extraFolder, ENV, e.getMessage());
                unavailable.add(new Unavailable("(" + ENV + ")", extraFolder.toString(),
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
        return new LessonLibrary(lessons, unavailable);
    }

    public List<Lesson> lessons() {
        return List.copyOf(lessons.values());
    }

    public Optional<Lesson> lesson(String id) {
        return Optional.ofNullable(lessons.get(id));
    }

    public List<Unavailable> unavailable() {
        return unavailable;
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

package netstep.lesson;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

/** An instructor's lesson folder is read again when its files change, without a restart. */
class LessonReloadTest {
    private static int tick;

    /** Writes the file with a modification time of its own: a change within one clock tick still counts. */
    private static void write(Path file, String text) throws Exception {
        Files.writeString(file, text);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(++tick)));
    }

    private static String lesson(String title, double eta) {
        return "{\"title\": \"" + title + "\", \"settings\": {\"learningRate\": " + eta + "}}";
    }

    @Test
    void addingChangingBreakingAndRemovingAFileShowsAtTheNextLook(@TempDir Path folder) throws Exception {
        LessonLibrary library = LessonLibrary.load(folder, netstep.json.LessonParser::parse, Duration.ZERO);
        int packaged = library.lessons().size();
        assertTrue(library.lesson("mine").isEmpty());

        write(folder.resolve("mine.json"), lesson("My own lesson", 0.3));
        assertEquals("My own lesson", library.lesson("mine").orElseThrow().title(), "added");
        assertEquals(packaged + 1, library.lessons().size());

        write(folder.resolve("mine.json"), lesson("My own lesson, improved", 0.4));
        Lesson changed = library.lesson("mine").orElseThrow();
        assertEquals("My own lesson, improved", changed.title(), "changed");
        assertEquals(0.4, changed.variants().get(0).config().learningRate());

        write(folder.resolve("mine.json"), "{\"title\": ");
        assertTrue(library.lesson("mine").isEmpty(), "broken: no longer offered");
        LessonLibrary.Unavailable broken = library.unavailable().stream().filter(u -> u.id().equals("mine"))
                .findFirst().orElseThrow();
        assertEquals("mine.json", broken.file());
        assertTrue(broken.reason().contains("malformed JSON"), broken.reason());
        assertTrue(library.lesson("04-xor").isPresent(), "the others still work");

        write(folder.resolve("mine.json"), lesson("Fixed", 0.1));
        assertEquals("Fixed", library.lesson("mine").orElseThrow().title(), "fixed");
        assertTrue(library.unavailable().isEmpty());

        Files.delete(folder.resolve("mine.json"));
        assertTrue(library.lesson("mine").isEmpty(), "removed");
        assertEquals(packaged, library.lessons().size());
    }

    @Test
    void theFolderIsTrustedUnchangedUntilTheNextLookIsDue(@TempDir Path folder) throws Exception {
        LessonLibrary library = LessonLibrary.load(folder, netstep.json.LessonParser::parse, Duration.ofHours(1));
        write(folder.resolve("late.json"), lesson("Too late for this hour", 0.3));
        assertTrue(library.lesson("late").isEmpty(), "no look before the hour is over");
        assertTrue(LessonLibrary.load(folder, netstep.json.LessonParser::parse, Duration.ofHours(1)).lesson("late").isPresent(), "a fresh load reads it");
    }

    @Test
    void aFolderThatDisappearsAndComesBackIsReportedThenReadAgain(@TempDir Path parent) throws Exception {
        Path folder = parent.resolve("lessons");
        Files.createDirectory(folder);
        write(folder.resolve("mine.json"), lesson("Mine", 0.3));
        LessonLibrary library = LessonLibrary.load(folder, netstep.json.LessonParser::parse, Duration.ZERO);
        assertTrue(library.lesson("mine").isPresent());
        Files.delete(folder.resolve("mine.json"));
        Files.delete(folder);
        assertTrue(library.lesson("mine").isEmpty());
        assertTrue(library.unavailable().get(0).reason().contains("cannot be read"), library.unavailable().toString());
        Files.createDirectory(folder);
        write(folder.resolve("mine.json"), lesson("Mine again", 0.3));
        assertEquals("Mine again", library.lesson("mine").orElseThrow().title());
    }
}

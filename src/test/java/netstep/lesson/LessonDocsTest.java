package netstep.lesson;

import netstep.json.LessonParser;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lesson an instructor copies from README.md is one the server takes (LessonLibraryTest checks the format's). */
class LessonDocsTest {
    private static String firstJsonBlock(String file) throws IOException {
        Matcher block = Pattern.compile("(?s)```json\\n(.*?)```").matcher(Files.readString(Path.of(file)));
        assertTrue(block.find(), file + " shows a lesson");
        return block.group(1);
    }

    @Test
    void theReadmesLessonIsALesson() throws IOException {
        Lesson lesson = LessonParser.parse("readme", firstJsonBlock("README.md"));
        assertEquals("XOR with a 2-2-1 network", lesson.title());
    }
}

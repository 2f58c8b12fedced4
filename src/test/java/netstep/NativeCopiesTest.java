package netstep;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.*;

class NativeCopiesTest {
    private static Path copy(Path tmp, String name, Instant modified, String... files) throws Exception {
        Path folder = Files.createDirectory(tmp.resolve(name));
        for (String f : files) Files.writeString(folder.resolve(f), "x");
        Files.setLastModifiedTime(folder, FileTime.from(modified));
        return folder;
    }

    @Test
    void deletesOnlyOldFoldersThatHoldNothingButJblassFiles(@TempDir Path tmp) throws Exception {
        Instant now = Instant.parse("2026-01-01T12:00:00Z");
        Instant old = now.minus(NativeCopies.MIN_AGE).minus(Duration.ofSeconds(1));
        Path leftOver = copy(tmp, "jblas123456789", old, "libjblas.so", "libjblas_arch_flavor.so",
                "libgfortran-4.so", "libquadmath-0.so");
        Path starting = copy(tmp, "jblas987", now.minusSeconds(5), "libjblas.so");
        Path notJblas = copy(tmp, "jblasX1", old, "libjblas.so");
        Path foreign = copy(tmp, "jblas42", old, "libjblas.so", "notes.txt");
        Path file = Files.writeString(tmp.resolve("jblas77"), "a file, not a folder");

        assertEquals(1, NativeCopies.deleteStale(tmp, now));

        assertFalse(Files.exists(leftOver));
        for (Path kept : new Path[] {starting, notJblas, foreign, file}) assertTrue(Files.exists(kept), kept.toString());
        assertTrue(Files.exists(foreign.resolve("libjblas.so")), "a folder with other files is left whole");
    }
}

package netstep;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * jblas copies its native libraries (29 MB) into a new folder {@code jblas<digits>} under java.io.tmpdir on every
 * start and deletes it only on a clean exit, so a server that is killed or restarted often fills /tmp. jblas offers
 * no setting for the folder, so at start the copies left by earlier processes are deleted. Only folders that hold
 * nothing but jblas's four files, and are older than a start-up takes, are touched: a process that is still running
 * has long loaded its copy, which stays mapped after the file is gone.
 */
public final class NativeCopies {
    private static final Logger LOG = LoggerFactory.getLogger(NativeCopies.class);
    private static final Pattern FOLDER = Pattern.compile("jblas\\d+");
    private static final Set<String> FILES = Set.of("libjblas.so", "libjblas_arch_flavor.so", "libgfortran-4.so",
            "libquadmath-0.so");
    /** A process copies and loads its libraries within seconds of starting; one younger than this may be doing so. */
    static final Duration MIN_AGE = Duration.ofMinutes(2);

    private NativeCopies() {
    }

    /** Deletes earlier processes' copies under java.io.tmpdir; never fails the start. */
    public static void deleteStale() {
        try {
            int deleted = deleteStale(Path.of(System.getProperty("java.io.tmpdir")), Instant.now());
            if (deleted > 0) LOG.info("Deleted {} copies of jblas's native libraries left by earlier processes", deleted);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not look for old copies of jblas's native libraries", e);
        }
    }

    /** @return how many folders were deleted */
    static int deleteStale(Path tmp, Instant now) throws IOException {
        int deleted = 0;
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(tmp,
                p -> FOLDER.matcher(p.getFileName().toString()).matches() && Files.isDirectory(p))) {
            for (Path folder : folders) {
                if (stale(folder, now) && delete(folder)) deleted++;
            }
        }
        return deleted;
    }

    private static boolean stale(Path folder, Instant now) throws IOException {
        return Files.getLastModifiedTime(folder).toInstant().isBefore(now.minus(MIN_AGE));
    }

    /** Deletes the folder if it holds only jblas's files. */
    private static boolean delete(Path folder) {
        try {
            try (var files = Files.list(folder)) {
                if (!files.allMatch(f -> FILES.contains(f.getFileName().toString()) && Files.isRegularFile(f))) {
                    return false;
                }
            }
            try (var files = Files.list(folder)) {
                for (Path f : files.toList()) Files.deleteIfExists(f);
            }
            Files.deleteIfExists(folder);
            return true;
        } catch (IOException e) {
            return false; // another user's, or deleted meanwhile by another server starting
        }
    }
}

package netstep.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The load script runs the server as the Procfile does, so it must read the Procfile's web line right. */
class ProcfileCommandTest {
    @Test
    void readsTheEnvironmentAndTheJvmOptionsOfTheWebLine(@TempDir Path dir) throws Exception {
        Path procfile = dir.resolve("Procfile");
        Files.writeString(procfile, "release: echo hi\nweb: A_B=2 C=x java -Xmx256m -XX:+UseSerialGC -jar t.jar --x\n");
        LoadScript.ProcfileCommand command = LoadScript.ProcfileCommand.read(procfile);
        assertEquals(Map.of("A_B", "2", "C", "x"), command.environment());
        assertEquals(List.of("-Xmx256m", "-XX:+UseSerialGC"), command.jvmOptions());
    }

    @Test
    void theRepositorysProcfileRunsTheJarOnA256MegabyteHeap() throws Exception {
        LoadScript.ProcfileCommand command = LoadScript.ProcfileCommand.read(Path.of("Procfile"));
        assertTrue(command.jvmOptions().contains("-Xmx256m"), command.toString());
        assertTrue(Files.readString(Path.of("Procfile")).contains("-jar target/netstep.jar"));
    }

    @Test
    void aWebLineWithoutJavaIsRefused(@TempDir Path dir) throws Exception {
        Path procfile = dir.resolve("Procfile");
        Files.writeString(procfile, "web: ./start.sh\n");
        assertThrows(IllegalStateException.class, () -> LoadScript.ProcfileCommand.read(procfile));
    }
}

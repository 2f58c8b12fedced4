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
    void thisJavaAcceptsEveryOptionOfTheProcfile() throws Exception {
        LoadScript.ProcfileCommand command = LoadScript.ProcfileCommand.read(Path.of("Procfile"));
        List<String> java = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        // the class archive is made by `package`, after the tests: without it the JVM only warns
        command.jvmOptions().stream().filter(o -> !o.startsWith("-XX:SharedArchiveFile")).forEach(java::add);
        java.add("-version");
        Process process = new ProcessBuilder(java).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), "an option this JVM does not know would stop the server starting: " + output);
        assertFalse(output.contains("warning") || output.contains("Unrecognized"), output);
    }

    @Test
    void aWebLineWithoutJavaIsRefused(@TempDir Path dir) throws Exception {
        Path procfile = dir.resolve("Procfile");
        Files.writeString(procfile, "web: ./start.sh\n");
        assertThrows(IllegalStateException.class, () -> LoadScript.ProcfileCommand.read(procfile));
    }
}

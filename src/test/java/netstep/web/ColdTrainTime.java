package netstep.web;

import netstep.json.ApiJson;
import com.fasterxml.jackson.databind.JsonNode;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A fresh JVM's first /api/train answers against later ones, with and without the start-up warm-up, in the
 * request thread's CPU time (what the JIT not having compiled the path yet costs, whatever else the machine
 * runs) and wall time: {@code java -cp … netstep.web.ColdTrainTime warm|cold request.json}. The request is
 * the issue's: 2-8-8-1 tanh, 500 XOR points, 200 epochs.
 */
public final class ColdTrainTime {
    private ColdTrainTime() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (args[0].equals("warm")) {
            long start = System.nanoTime();
            App.warmUp();
            System.out.printf(Locale.ROOT, "warm-up %.0f ms%n", (System.nanoTime() - start) / 1e6);
        }
        String body = Files.readString(Path.of(args[1]));
        for (int r = 0; r < 8; r++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            JsonNode root = ApiJson.parseObject(body);
            String answer = ApiController.trainAnswer(root).toString();
            System.out.printf(Locale.ROOT, "request %d: %.0f ms CPU, %.0f ms wall (%d characters)%n", r + 1,
                    (threads.getCurrentThreadCpuTime() - cpu) / 1e6, (System.nanoTime() - wall) / 1e6,
                    answer.length());
        }
    }
}

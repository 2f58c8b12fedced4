package netstep.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIGKILL at random points under load, on the same store again and again: every step the server acknowledged
 * (answered 303) is there after the restart, with the numbers the student saw. Students step, start over and
 * import side by side; one of them also sends a training call of a tenth of the most work the JSON API allows (a
 * request of a second or more), and every other lifetime is killed right after that long request. Figures in docs/durability.md.
 */
class KillDurabilityTest {
    /** 12 in the suite (about a minute per database); {@code -Dnetstep.killLifetimes=50} for a longer hunt. */
    private static final int LIFETIMES = Integer.getInteger("netstep.killLifetimes", 12);
    private static final int STEPPING_STUDENTS = 3;
    /** A tenth of the most work the JSON API takes: a request of a second or more, a few on a busy machine. */
    private static final long LONG_TRAINING_WORK = ApiController.MAX_WORK / 10;
    /** A large step count in the imported file: restore jumps there directly, so the import itself is quick. */
    private static final int IMPORT_STEPS = 20_000_000;

    @Test
    void onTheEmbeddedDatabase(@TempDir Path dataDir) throws Exception {
        killAndCheck("H2", Map.of("NETSTEP_DATA_DIR", dataDir.toString()), 17);
    }

    @Test
    void onPostgresql() throws Exception {
        killAndCheck("PostgreSQL", Map.of("DATABASE_URL", PostgresForTests.urlOrSkip()), 18);
    }

    /** What a student was last told, and what it asked for without an answer when the server died. */
    private static final class Student {
        WebClient browser;
        int seed;
        int steps;
        /** The export read after the last acknowledged change; null if the kill came first. */
        JsonNode numbers;
        /** The file the last acknowledged import loaded, if that was the last change. */
        JsonNode imported;
        int acknowledged;
        /** The change sent but not answered: "step", "seed N" or "import N"; it may or may not have been stored. */
        String pending;
    }

    private static void killAndCheck(String name, Map<String, String> environment, long seed) throws Exception {
        Random random = new Random(seed);
        List<Student> students = new ArrayList<>();
        Student importer = null;
        int checked = 0;
        int lost = 0;
        List<String> losses = new ArrayList<>();
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int life = 1; life <= LIFETIMES; life++) {
            try (ServerProcess server = ServerProcess.start(environment)) {
                for (Student s : students) {
                    s.browser = s.browser.at(server.port());
                    int lostHere = check(s, server.port());
                    checked += s.acknowledged;
                    lost += lostHere;
                    if (lostHere > 0) losses.add("lifetime " + life + ": " + lostHere + " acknowledged changes lost");
                    s.acknowledged = 0;
                    s.pending = null;
                }
                if (students.isEmpty()) {
                    for (int i = 0; i < STEPPING_STUDENTS + 1; i++) {
                        Student s = new Student();
                        s.browser = new WebClient(server.port());
                        configure(s, 1 + random.nextInt(1000));
                        students.add(s);
                    }
                    importer = students.get(STEPPING_STUDENTS);
                }
                boolean killAfterLongRequest = life % 2 == 0;
                long killDelayMs = killAfterLongRequest ? random.nextInt(800) : 300 + random.nextInt(2500);
                CountDownLatch longRequestDone = new CountDownLatch(1);
                List<Thread> load = new ArrayList<>();
                for (int i = 0; i < STEPPING_STUDENTS; i++) {
                    Student s = students.get(i);
                    long threadSeed = random.nextLong();
                    load.add(started(() -> {
                        try {
                            stepUntilKilled(s, new Random(threadSeed));
                        } catch (RuntimeException | AssertionError e) {
                            failures.add(e);
                        }
                    }));
                }
                Student longOne = importer;
                int importSteps = IMPORT_STEPS + life; // a different file each lifetime, so each import is a change
                load.add(started(() -> {
                    try {
                        longTraining(longOne, random.nextLong());
                        importFile(longOne, importSteps);
                    } catch (RuntimeException | AssertionError e) {
                        failures.add(e);
                    } finally {
                        longRequestDone.countDown();
                    }
                }));
                if (killAfterLongRequest) assertTrue(longRequestDone.await(60, TimeUnit.SECONDS), "the long request answered");
                Thread.sleep(killDelayMs);
                server.kill();
                for (Thread t : load) t.join(30_000);
                if (!failures.isEmpty()) throw new AssertionError("a student's request failed", failures.peek());
            }
        }
        // the last lifetime's changes, checked on one more start
        try (ServerProcess server = ServerProcess.start(environment)) {
            for (Student s : students) {
                s.browser = s.browser.at(server.port());
                int lostHere = check(s, server.port());
                checked += s.acknowledged;
                lost += lostHere;
                if (lostHere > 0) losses.add("after the last lifetime: " + lostHere + " acknowledged changes lost");
            }
        }
        System.out.println("kill -9 on " + name + ": " + LIFETIMES + " lifetimes, " + checked
                + " acknowledged steps checked, " + lost + " lost");
        assertTrue(checked > LIFETIMES * 3, "the load made changes to check: " + checked);
        assertEquals(0, lost, String.join("\n", losses));
    }

    private static Thread started(Runnable work) {
        Thread thread = new Thread(work, "student");
        thread.start();
        return thread;
    }

    /** Steps (and now and then starts over with another seed) until the server dies under it. */
    private static void stepUntilKilled(Student s, Random random) {
        try {
            while (true) {
                if (s.steps >= 12 || random.nextInt(10) == 0) {
                    configure(s, 1 + random.nextInt(1000));
                } else {
                    s.pending = "step";
                    HttpResponse<String> r = s.browser.postForm("/step", Map.of("action", "whole"));
                    if (r.statusCode() != 303) throw new AssertionError("a step answered " + r.statusCode());
                    s.steps++;
                    acknowledged(s, null);
                }
            }
        } catch (UncheckedIOException killed) {
            // the server is gone; what was answered before counts
        }
    }

    private static void configure(Student s, int seed) {
        s.pending = "seed " + seed;
        HttpResponse<String> r = s.browser.postForm("/configure", RestartTest.settings("seed", Integer.toString(seed)));
        if (r.statusCode() != 303) throw new AssertionError("configure answered " + r.statusCode() + ": " + r.body());
        s.seed = seed;
        s.steps = 0;
        acknowledged(s, null);
    }

    /** The long request: a stateless training call; it changes nothing stored. */
    private static void longTraining(Student s, long seed) {
        try {
            HttpResponse<String> r = s.browser.postJson("/api/train",
                    HostileClientsTest.training(new Random(seed), LONG_TRAINING_WORK));
            if (r.statusCode() != 200) throw new AssertionError("the training call answered " + r.statusCode());
        } catch (UncheckedIOException killed) {
            // killed while training
        }
    }

    /** An experiment file with {@code steps} steps, as a change to store. */
    private static void importFile(Student s, int steps) {
        try {
            ObjectNode file = (ObjectNode) StoredExperimentsHttpTest.export(s.browser);
            file.put("steps", steps);
            ArrayNode lossSteps = (ArrayNode) file.get("lossSteps");
            lossSteps.set(lossSteps.size() - 1, lossSteps.numberNode(steps));
            s.pending = "import " + steps;
            HttpResponse<String> r = s.browser.postForm("/import", Map.of("experiment", file.toString()));
            if (r.statusCode() != 303) throw new AssertionError("the import answered " + r.statusCode());
            s.seed = file.path("settings").path("seed").asInt();
            s.steps = steps;
            acknowledged(s, file);
        } catch (UncheckedIOException killed) {
            // killed while importing or reading the export
        }
    }

    private static void acknowledged(Student s, JsonNode imported) {
        s.pending = null;
        s.acknowledged++;
        s.numbers = null;
        s.imported = imported;
        JsonNode export = StoredExperimentsHttpTest.export(s.browser);
        if (export.path("steps").asInt() == s.steps) s.numbers = export;
    }

    /**
     * The number of acknowledged changes the restarted server lost for {@code s}: 0 when it is at its last
     * acknowledged state with the same numbers (or at the change it sent without an answer, stored after all).
     * The student then carries on from what the server has.
     */
    private static int check(Student s, int port) {
        JsonNode now = StoredExperimentsHttpTest.export(s.browser);
        int seedNow = now.path("settings").path("seed").asInt();
        int stepsNow = now.path("steps").asInt();
        boolean same = seedNow == s.seed && stepsNow == s.steps && sameNumbers(s, now, port);
        boolean pendingStored = s.pending != null && switch (s.pending.split(" ")[0]) {
            case "step" -> seedNow == s.seed && stepsNow == s.steps + 1;
            case "seed" -> stepsNow == 0 && seedNow == Integer.parseInt(s.pending.split(" ")[1]);
            default -> stepsNow == Integer.parseInt(s.pending.split(" ")[1]);
        };
        // further on than anything sent without an answer: nothing acknowledged is missing, but it is reported
        boolean ahead = !same && !pendingStored && seedNow == s.seed && stepsNow > s.steps;
        if (ahead) {
            System.out.println("ahead: expected seed " + s.seed + " at step " + s.steps + ", found step " + stepsNow
                    + " (pending: " + s.pending + ")");
        }
        int lostHere = same || pendingStored || ahead ? 0 : Math.max(1, s.acknowledged);
        if (lostHere > 0) {
            System.out.println("lost: expected seed " + s.seed + " at step " + s.steps + ", found seed " + seedNow
                    + " at step " + stepsNow);
        }
        s.seed = seedNow;
        s.steps = stepsNow;
        s.numbers = now;
        s.imported = null;
        return lostHere;
    }

    private static boolean sameNumbers(Student s, JsonNode now, int port) {
        if (s.numbers != null) return s.numbers.equals(now);
        if (s.imported != null) return s.imported.get("network").equals(now.get("network"));
        // the kill came between the answer and the export: the same settings stepped as often give the numbers
        WebClient reference = new WebClient(port);
        assertEquals(303, reference.postForm("/configure", RestartTest.settings("seed", Integer.toString(s.seed))).statusCode());
        StoredExperimentsHttpTest.steps(reference, s.steps);
        return StoredExperimentsHttpTest.export(reference).equals(now);
    }
}

package netstep.web;

import netstep.json.LessonParser;
import netstep.json.StoredExperimentCodec;
import netstep.json.ExperimentJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import netstep.data.Dataset;
import netstep.engine.Activation;
import netstep.engine.Bounds;
import netstep.engine.Layer;
import netstep.engine.Loss;
import netstep.engine.Network;
import netstep.engine.SampleOrder;
import netstep.engine.SampleSchedule;
import netstep.experiment.Config;
import netstep.experiment.ConfigForm;
import netstep.experiment.DataSource;
import netstep.experiment.Experiment;
import netstep.experiment.InvalidInput;
import netstep.experiment.StepRecord;
import netstep.lesson.LessonLibrary;
import netstep.store.Database;
import netstep.store.JdbcExperimentRepository;
import netstep.store.SessionStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hostile numbers, files and sessions (issue 17): extreme and non-finite numbers at every door (CSV, the sample
 * table, weight edits, the form, the JSON API, imports, lessons), oversized histories and huge step counts in
 * imports, and states no door lets in any more planted straight into a session. For every attack: a 4xx naming
 * the row, column or field (or the input is accepted and the page still renders), /health answers within 2 s,
 * a bystander's export is byte for byte what it was, and the attacked session can be started over.
 * Seeded and bounded: no attack depends on timing, none does more than a few thousand steps.
 */
class HostileNumbersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LessonLibrary LESSONS = LessonParser.library(null);
    private static final AtomicInteger ATTACKS = new AtomicInteger();

    @TempDir
    static Path dataDir;
    private static Database database;
    private static SessionStore store;
    private static Javalin app;
    private static int port;
    private static WebClient bystander;
    private static String bystanderExport;
    /** A saved experiment of the default network after two steps: the files below are edits of it. */
    private static String savedFile;

    @BeforeAll
    static void start() {
        database = Database.embedded(dataDir);
        store = new SessionStore();
        app = App.create(store, LESSONS, new JdbcExperimentRepository(database.dataSource())).start("127.0.0.1", 0);
        port = app.port();
        bystander = new WebClient(port);
        bystander.get("/");
        assertEquals(303, bystander.postForm("/configure", FilesTest.xorForm()).statusCode());
        for (int i = 0; i < 3; i++) bystander.postForm("/step", Map.of("action", "whole"));
        bystanderExport = bystander.get("/export/experiment.json").body();
        WebClient author = new WebClient(port);
        author.get("/");
        for (int i = 0; i < 2; i++) author.postForm("/step", Map.of("action", "whole"));
        savedFile = author.get("/export/experiment.json").body();
    }

    @AfterAll
    static void stop() {
        System.out.println("HostileNumbersTest: " + ATTACKS.get() + " attacks through HTTP; after each /health "
                + "answered within 2 s, the bystander's export was unchanged and the attacked session started over");
        app.stop();
        database.close();
    }

    // ---------------------------------------------------------------- the doors

    @TestFactory
    List<DynamicTest> csvAndTable() {
        List<DynamicTest> tests = new ArrayList<>();
        Object[][] csv = {
                {"1e308,-1e308,1,1,1", "row 1, column 1"},
                {"x1,x2,x3,y1,y2\n1,2,3,4,5\n1,2,3,4,-1e308", "row 3, column 5"},
                {"1,2,3,4,1e7", "row 1, column 5"},
                {"1,2,3,4,1000000.5", "row 1, column 5"},
                {"NaN,1,1,1,1", "NaN is not allowed"},
                {"1,Infinity,1,1,1", "Infinity is not allowed"},
                {"1,2,3,4,1e999", "row 1, column 5"},
                {"1,2,3,4,4.9e-324\n1,2,3,4,-1e308", "row 2, column 5"},
        };
        for (Object[] c : csv) {
            tests.add(attack("CSV " + c[0], w -> w.postForm("/data/csv", Map.of("csv", (String) c[0])), (String) c[1]));
            tests.add(attack("CSV file " + c[0], w -> w.postFile("/data/csv", "file", "x.csv", (String) c[0]),
                    (String) c[1]));
        }
        String[][] cells = {{"1", "2", "1e308"}, {"0", "0", "-Infinity"}, {"1", "4", "NaN"}, {"0", "3", "-2e6"}};
        for (String[] c : cells) {
            int row = Integer.parseInt(c[0]);
            int column = Integer.parseInt(c[1]);
            tests.add(attack("table " + Arrays.toString(c), w -> w.postForm("/data/table", table(row, column, c[2])),
                    "row " + (row + 1) + ", column " + (column + 1)));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> weightEditsAndForm() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String value : List.of("1e308", "-1e308", "1e999", "NaN", "Infinity", "-1000001")) {
            for (boolean htmx : List.of(false, true)) {
                tests.add(attack("edit " + value + (htmx ? " (htmx)" : ""), w -> w.postForm("/edit",
                        Map.of("parameter", "W1[1,1]", "value", value), htmx), "numbers must be finite and from"));
            }
        }
        for (String eta : List.of("1e308", "NaN", "Infinity", "-1", "0", "10.5", "1e-400")) {
            tests.add(attack("η " + eta, w -> w.postForm("/configure", form(ConfigForm.LEARNING_RATE, eta)),
                    "The learning rate"));
        }
        for (String slope : List.of("1e308", "NaN", "-0.1")) {
            tests.add(attack("slope " + slope, w -> w.postForm("/configure", form(ConfigForm.SLOPE, slope)),
                    "slope"));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> jsonApi() {
        String network = "{\"layers\":[{\"weights\":[[W]],\"biases\":[B],\"activation\":\"leaky_relu\",\"slope\":S}]}";
        String[][] cases = {
                {"1e308", "0", "0.01", "1", "1", "0.1", "network.layers[0].weights[0][0]"},
                {"1", "-1e7", "0.01", "1", "1", "0.1", "network.layers[0].biases[0]"},
                {"1", "0", "1e308", "1", "1", "0.1", "network.layers[0].slope"},
                {"1", "0", "0.01", "1e308", "1", "0.1", "sample.x[0]"},
                {"1", "0", "0.01", "1", "-1e400", "0.1", "sample.y[0]"},
                {"1", "0", "0.01", "1", "1", "1e308", "learningRate"},
                {"1", "0", "0.01", "1", "1", "-1e308", "learningRate"},
        };
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] c : cases) {
            String net = network.replace("W", c[0]).replace("B", c[1]).replace("S", c[2]);
            String step = "{\"network\":" + net + ",\"loss\":\"l2\",\"learningRate\":" + c[5]
                    + ",\"sample\":{\"x\":[" + c[3] + "],\"y\":[" + c[4] + "]}}";
            tests.add(attack("api/step " + c[6] + " " + Arrays.toString(c), w -> w.postJson("/api/step", step), c[6]));
            String train = "{\"network\":" + net + ",\"loss\":\"l2\",\"learningRate\":" + c[5] + ",\"epochs\":2,"
                    + "\"samples\":[{\"x\":[0],\"y\":[0]},{\"x\":[" + c[3] + "],\"y\":[" + c[4] + "]}]}";
            String field = c[6].replace("sample.", "samples[1].");
            tests.add(attack("api/train " + field, w -> w.postJson("/api/train", train), field));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> imports() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(refusedImport("weight 1e308", f -> ((ArrayNode) layer0(f).at("/weights/0")).set(0, num(1e308)),
                "network.layers[0].weights[0][0]"));
        tests.add(refusedImport("bias -1e7", f -> layer0(f).withArray("biases").set(0, num(-1e7)),
                "network.layers[0].biases[0]"));
        tests.add(refusedImport("weight \"Infinity\"", f -> ((ArrayNode) layer0(f).at("/weights/0"))
                .set(0, f.textNode("Infinity")), "network.layers[0].weights[0][0]"));
        tests.add(refusedImport("sample 1e308", f -> ((ArrayNode) f.at("/dataset/samples/0/x")).set(0, num(1e308)),
                "dataset.samples[0].x[0]"));
        tests.add(refusedImport("η 1e308", f -> ((ObjectNode) f.get("settings")).put("learningRate", "1e308"),
                "learning rate"));
        tests.add(refusedImport("steps 2147483646", f -> f.put("steps", 2147483646), "steps must be a whole number"));
        tests.add(refusedImport("steps 1e20", f -> f.put("steps", new java.math.BigInteger("100000000000000000000")),
                "steps must be a whole number"));
        tests.add(refusedImport("20,000 loss values", f -> {
            f.put("steps", 500_000);
            ArrayNode losses = f.putArray("lossHistory");
            ArrayNode steps = f.putArray("lossSteps");
            for (int i = 0; i < 20_000; i++) { // more than a megabyte of them is refused before it is read
                losses.add(1.0);
                steps.add(i * 5);
            }
        }, "lossHistory must list"));
        tests.add(refusedImport("100,000 empty history rows", f -> {
            f.put("steps", 500_000);
            ArrayNode history = f.putArray("history");
            for (int i = 0; i < 100_000; i++) history.addObject();
        }, "history has 100000 steps"));
        tests.add(refusedImport("history row of another dataset", f -> ((ObjectNode) f.at("/history/0"))
                .put("sample", 99_999), "history[0].sample"));
        tests.add(refusedImport("loss \"lots\"", f -> f.withArray("lossHistory").set(1, f.textNode("lots")),
                "lossHistory[1]"));
        // accepted: a diverged history, and the largest step count an experiment keeps (restored without replaying)
        tests.add(acceptedImport("losses Infinity and NaN", f -> {
            f.withArray("lossHistory").set(1, f.textNode("Infinity"));
            f.withArray("lossHistory").set(2, f.textNode("NaN"));
            ((ObjectNode) f.at("/history/0")).put("loss", "Infinity");
        }));
        tests.add(acceptedImport("steps " + (Bounds.MAX_STEPS - 1), f -> {
            f.put("steps", Bounds.MAX_STEPS - 1);
            f.put("epochs", (Bounds.MAX_STEPS - 1) / f.at("/dataset/samples").size());
            f.withArray("lossSteps").set(2, JSON.getNodeFactory().numberNode(Bounds.MAX_STEPS - 1));
        }));
        return tests;
    }

    @Test
    void lessonFilesKeepToTheSameBounds() throws Exception {
        String lesson = Files.readString(Path.of("templates/01-perceptron-y-equals-wx.json"));
        LessonParser.parse("ok", lesson); // the file as shipped is fine
        Map<String, String> edits = Map.of(
                "\"weights\": [[1.0]]", "\"weights\": [[1e308]]",
                "\"biases\": [0.0]", "\"biases\": [-1e7]",
                "\"learningRate\": 0.02", "\"learningRate\": 1e308");
        for (var edit : edits.entrySet()) {
            assertTrue(lesson.contains(edit.getKey()), edit.getKey());
            InvalidInput refused = assertThrows(InvalidInput.class,
                    () -> LessonParser.parse("bad", lesson.replace(edit.getKey(), edit.getValue())));
            assertTrue(refused.getMessage().contains("network.layers[0]") || refused.getMessage().contains("learning rate"),
                    refused.getMessage());
        }
        String inline = "{\"title\":\"t\",\"settings\":{\"inputs\":1,\"hidden\":[],\"outputs\":1},"
                + "\"samples\":[{\"x\":[1],\"y\":[1]},{\"x\":[-1e308],\"y\":[1]}]}";
        InvalidInput refused = assertThrows(InvalidInput.class, () -> LessonParser.parse("bad", inline));
        assertTrue(refused.getMessage().contains("samples[1].x[0]"), refused.getMessage());
    }

    // ---------------------------------------------------------------- states no door lets in any more

    @TestFactory
    List<DynamicTest> plantedExtremeStatesRenderAndCanBeLeft() {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(planted("custom data of ±1e308", e -> e.configure(e.config().withData(new DataSource.CustomData(
                new Dataset("custom", "hostile", "", List.of(new double[] {1e308, -1e308, 1}, new double[] {-1e308, 0, 1e308}),
                        List.of(new double[] {1e308, -1e308}, new double[] {0, 1})))))));
        tests.add(planted("weights of 1e308 and an infinite mean loss", e -> e.restore(e.config(),
                scaled(e.network(), 1e308), 2, List.of(0.5, Double.POSITIVE_INFINITY, Double.NaN), List.of(0, 1, 2),
                List.of(new StepRecord(1, 1, 0, Double.POSITIVE_INFINITY, Double.NaN, 0.1)))));
        tests.add(planted("a step count at the limit", e -> e.restore(e.config(), e.network(), Bounds.MAX_STEPS,
                List.of(1.0), List.of(Bounds.MAX_STEPS), List.of())));
        return tests;
    }

    @Test
    void aDivergedStateRoundTripsThroughAFileAndAShareLink() throws Exception {
        // diverged by training, through the page: η = 10 with ReLU
        WebClient student = new WebClient(port);
        student.get("/");
        Map<String, String> wild = new HashMap<>(FilesTest.xorForm());
        wild.put("hiddenActivation", "relu");
        wild.put("outputActivation", "identity");
        wild.put("learningRate", "10");
        assertEquals(303, student.postForm("/configure", wild).statusCode());
        boolean diverged = false;
        for (int i = 0; i < 200 && !diverged; i++) {
            student.postForm("/step", Map.of("action", "whole"));
            diverged = student.get("/").body().contains("Training diverged");
        }
        assertTrue(diverged, "η = 10 with ReLU diverges within 200 steps");
        roundTrip(student);

        // and with the overflowed numbers a file can hold: infinite and NaN losses
        WebClient planted = new WebClient(port, new CookieManager());
        plant(planted, e -> e.restore(e.config(), scaled(e.network(), 1e6), 2,
                List.of(0.5, Double.POSITIVE_INFINITY, Double.NaN), List.of(0, 1, 2),
                List.of(new StepRecord(1, 1, 0, Double.POSITIVE_INFINITY, Double.NaN, 0.1),
                        new StepRecord(2, 1, 1, Double.NaN, Double.POSITIVE_INFINITY, 0.1))));
        String exported = planted.get("/export/experiment.json").body();
        assertTrue(exported.contains("\"Infinity\"") && exported.contains("\"NaN\""), exported);
        roundTrip(planted);
    }

    /** What the app exports it imports, as a file and through a share link, with the same bytes coming back. */
    private static void roundTrip(WebClient owner) throws Exception {
        String exported = owner.get("/export/experiment.json").body();
        WebClient other = new WebClient(port);
        other.get("/");
        HttpResponse<String> loaded = other.postForm("/import", Map.of("experiment", exported));
        assertEquals(303, loaded.statusCode(), loaded.body());
        assertEquals(JSON.readTree(exported), JSON.readTree(other.get("/export/experiment.json").body()));

        HttpResponse<String> shared = owner.postForm("/share", Map.of());
        assertEquals(303, shared.statusCode(), shared.body());
        String link = shared.headers().firstValue("Location").orElseThrow();
        assertEquals(200, new WebClient(port).get(link).statusCode(), "the shared page renders");
        WebClient forker = new WebClient(port);
        forker.get("/");
        assertEquals(303, forker.postForm(link + "/fork", Map.of()).statusCode());
        assertEquals(JSON.readTree(exported), JSON.readTree(forker.get("/export/experiment.json").body()));
        healthyAndBystanderUntouched();
    }

    // ---------------------------------------------------------------- counters and the schedule

    @Test
    void theScheduleAfterAnyStepIsTheReplayedOne() {
        Random random = new Random(2026);
        for (int round = 0; round < 20; round++) {
            int size = 1 + random.nextInt(9);
            long seed = random.nextLong();
            for (SampleOrder order : SampleOrder.values()) {
                SampleSchedule replayed = new SampleSchedule(size, order, seed);
                for (int k = 0; k <= 4 * size + 1; k++) {
                    SampleSchedule direct = SampleSchedule.after(size, order, seed, k);
                    assertEquals(replayed.epoch(), direct.epoch());
                    assertEquals(replayed.position(), direct.position());
                    assertEquals(replayed.peek(), direct.peek(), "size " + size + ", " + order + ", after " + k);
                    replayed.next();
                }
            }
        }
    }

    @Test
    void aRestoredExperimentGoesOnWithTheSameNumbersAsTheOneThatStepped() {
        Experiment stepped = new Experiment(Config.defaults());
        for (int i = 0; i < 23; i++) stepped.wholeStep(); // several shuffled epochs of 8 samples... and a part
        Experiment restored = new Experiment(Config.defaults());
        restored.restore(stepped.config(), stepped.network(), stepped.steps(), stepped.lossHistory(),
                stepped.lossSteps(), stepped.records());
        assertEquals(stepped.epochs(), restored.epochs());
        assertEquals(stepped.positionInEpoch(), restored.positionInEpoch());
        for (int i = 0; i < 12; i++) {
            stepped.wholeStep();
            restored.wholeStep();
            assertEquals(stepped.sampleIndex(), restored.sampleIndex());
            assertEquals(stepped.network(), restored.network(), "after step " + stepped.steps());
        }
    }

    @Test
    void theStepCounterStopsAtItsLimitInsteadOfWrapping() {
        Experiment e = new Experiment(Config.defaults());
        // restoring the largest count takes no time: nothing is replayed (it used to be a billion shuffle steps)
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> e.restore(e.config(), e.network(),
                Bounds.MAX_STEPS - 1, List.of(1.0), List.of(Bounds.MAX_STEPS - 1), List.of()));
        e.wholeStep();
        assertEquals(Bounds.MAX_STEPS, e.steps());
        e.wholeStep();
        assertEquals(Bounds.MAX_STEPS, e.steps(), "no step past the limit");
        assertTrue(e.notice().orElseThrow().contains("the most it counts"), e.notice().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> e.startTraining(1));
        assertThrows(IllegalArgumentException.class, () -> e.restore(e.config(), e.network(), Integer.MAX_VALUE,
                List.of(1.0), List.of(Integer.MAX_VALUE), List.of()));
    }

    @Test
    void aDivergedExperimentWritesJsonItReadsBack() {
        Experiment e = new Experiment(Config.defaults());
        e.restore(e.config(), e.network(), 2, List.of(0.25, Double.POSITIVE_INFINITY, Double.NaN), List.of(0, 1, 2),
                List.of(new StepRecord(1, 1, 3, Double.POSITIVE_INFINITY, Double.NaN, 0.1),
                        new StepRecord(2, 1, 5, Double.NEGATIVE_INFINITY, 1e300, 0.1)));
        String written = ExperimentJson.write(e).toString();
        Experiment back = new Experiment(Config.defaults());
        ExperimentJson.read(written, back);
        assertEquals(written, ExperimentJson.write(back).toString());
        assertEquals(e.lossHistory(), back.lossHistory());
        assertEquals(e.records(), back.records());
    }

    @Test
    void aLongTrainingRunLeavesAHistoryTheAppLoadsAgain() {
        // two runs of 10,000 epochs add 20,000 loss values: the history is thinned to what an import accepts
        Experiment e = new Experiment(new Config(2, List.of(3), 1, Activation.TANH, Activation.SIGMOID, Loss.L2, 0.5,
                4, "xor", SampleOrder.SHUFFLED));
        for (int run = 0; run < 2; run++) {
            var training = e.startTraining(Experiment.MAX_TRAINING_EPOCHS).orElseThrow();
            training.run();
            e.finishTraining(training);
        }
        assertTrue(e.lossHistory().size() <= Experiment.MAX_LOSS_VALUES, e.lossHistory().size() + " values");
        String written = ExperimentJson.write(e).toString();
        Experiment back = new Experiment(Config.defaults());
        ExperimentJson.read(written, back);
        assertEquals(written, ExperimentJson.write(back).toString());
    }

    @Test
    void aStoredStateWithALongerStepHistoryThanIsNowKeptLosesOnlyItsOldestRows() {
        Experiment e = new Experiment(Config.defaults());
        int steps = Experiment.MAX_RECORDS + 1_000;
        e.restore(e.config(), e.network(), steps, List.of(1.0, 0.5), List.of(0, steps), List.of());
        ObjectNode file = ExperimentJson.write(e);
        ArrayNode history = file.putArray("history");
        for (int s = 1; s <= steps; s++) {
            history.addObject().put("step", s).put("epoch", 1 + (s - 1) / 12).put("sample", 1 + s % 12)
                    .put("loss", 0.5).put("largestChange", 0.01).put("learningRate", 0.1);
        }
        // a file is refused: longer than the app keeps
        assertThrows(InvalidInput.class, () -> ExperimentJson.read(file, new Experiment(Config.defaults())));
        // a state stored before the cap keeps its newest rows
        ObjectNode stored = JSON.createObjectNode();
        stored.set("experiment", file);
        Experiment back = new Experiment(Config.defaults());
        new StoredExperimentCodec(LESSONS).read(stored.toString(), back);
        assertEquals(Experiment.MAX_RECORDS, back.records().size());
        assertEquals(steps - Experiment.MAX_RECORDS + 1, back.records().get(0).step());
        assertEquals(steps, back.record(steps).orElseThrow().step());
        assertTrue(back.record(1).isEmpty());
    }

    // ---------------------------------------------------------------- helpers

    private static DynamicTest attack(String name, Function<WebClient, HttpResponse<String>> attack, String expected) {
        return DynamicTest.dynamicTest(name, () -> {
            WebClient attacker = new WebClient(port);
            attacker.get("/");
            String before = attacker.get("/export/experiment.json").body();
            HttpResponse<String> r = attack.apply(attacker);
            assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, name + ": " + r.statusCode() + " " + clip(r.body()));
            assertTrue(WebClient.unescape(r.body()).contains(expected), name + ": expected \"" + expected + "\" in "
                    + clip(r.body()));
            assertEquals(before, attacker.get("/export/experiment.json").body(), "the refused input changed nothing");
            afterwards(attacker);
        });
    }

    private static DynamicTest refusedImport(String name, Consumer<ObjectNode> edit, String expected) {
        return attack("import " + name, w -> w.postForm("/import", Map.of("experiment", edited(edit))), expected);
    }

    private static DynamicTest acceptedImport(String name, Consumer<ObjectNode> edit) {
        return DynamicTest.dynamicTest("import " + name, () -> {
            WebClient student = new WebClient(port);
            student.get("/");
            String file = edited(edit);
            HttpResponse<String> r = student.postForm("/import", Map.of("experiment", file));
            assertEquals(303, r.statusCode(), clip(r.body()));
            assertEquals(JSON.readTree(file), JSON.readTree(student.get("/export/experiment.json").body()));
            assertEquals(303, student.postForm("/step", Map.of("action", "whole")).statusCode());
            afterwards(student);
        });
    }

    private static DynamicTest planted(String name, Consumer<netstep.experiment.Experiment> state) {
        return DynamicTest.dynamicTest("planted " + name, () -> {
            WebClient student = new WebClient(port, new CookieManager());
            plant(student, state);
            for (String path : List.of("/", "/?step=1", "/?historyPage=2")) {
                HttpResponse<String> page = student.get(path);
                assertEquals(200, page.statusCode(), path + ": " + clip(page.body()));
                assertFalse(page.body().contains("broken-session"), "the views draw it themselves");
            }
            for (String action : List.of("next", "next", "whole", "epoch")) {
                int status = student.postForm("/step", Map.of("action", action), true).statusCode();
                assertTrue(status == 200 || status == 409, action + ": " + status);
            }
            assertEquals(200, student.get("/").statusCode());
            afterwards(student);
        });
    }

    /** Puts a state into the student's session directly, as training or an older version could have left it. */
    private static void plant(WebClient student, Consumer<netstep.experiment.Experiment> state) {
        student.get("/");
        String id = sessionId(student);
        store.open(id).run(e -> {
            state.accept(e);
            return null;
        });
    }

    private static String sessionId(WebClient client) {
        // the client's cookie jar is the CookieManager it was made with
        try {
            var field = WebClient.class.getDeclaredField("http");
            field.setAccessible(true);
            CookieManager cookies = (CookieManager) ((HttpClient) field.get(client)).cookieHandler().orElseThrow();
            return cookies.getCookieStore().get(URI.create("http://localhost:" + port)).stream()
                    .filter(c -> c.getName().equals(Sessions.COOKIE)).map(HttpCookie::getValue).findFirst().orElseThrow();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** After any attack: the server is healthy, the bystander untouched, and the attacked session can start over. */
    private static void afterwards(WebClient attacker) {
        ATTACKS.incrementAndGet();
        healthyAndBystanderUntouched();
        HttpResponse<String> over = attacker.postForm("/start-over", Map.of());
        assertEquals(303, over.statusCode(), clip(over.body()));
        JsonNode fresh;
        try {
            fresh = JSON.readTree(attacker.get("/export/experiment.json").body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(0, fresh.get("steps").asInt());
        assertEquals(Config.defaults().datasetId(), fresh.at("/dataset/id").asText());
        assertEquals(200, attacker.get("/").statusCode());
    }

    private static void healthyAndBystanderUntouched() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long started = System.nanoTime();
        try {
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/health")).timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
        } catch (Exception e) {
            throw new AssertionError("/health did not answer within 2 s", e);
        }
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "/health within 2 s");
        assertEquals(bystanderExport, bystander.get("/export/experiment.json").body(), "the bystander is untouched");
    }

    private static String edited(Consumer<ObjectNode> edit) {
        try {
            ObjectNode file = (ObjectNode) JSON.readTree(savedFile);
            edit.accept(file);
            return JSON.writeValueAsString(file);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static ObjectNode layer0(ObjectNode file) {
        return (ObjectNode) file.at("/network/layers/0");
    }

    private static JsonNode num(double v) {
        return JSON.getNodeFactory().numberNode(v);
    }

    private static Map<String, String> form(String field, String value) {
        ConfigForm defaults = ConfigForm.of(Config.defaults());
        Map<String, String> fields = new HashMap<>();
        for (String f : ConfigForm.fields()) fields.put(f, defaults.value(f));
        fields.put(field, value);
        if (field.equals(ConfigForm.SLOPE)) fields.put("hiddenActivation", "leaky_relu");
        return fields;
    }

    /** The sample table of the default network (3 inputs, 2 outputs): two rows of small numbers and one bad cell. */
    private static Map<String, String> table(int badRow, int badColumn, String bad) {
        Map<String, String> fields = new HashMap<>(Map.of("rows", "2", "columns", "5", "action", "apply"));
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 5; c++) fields.put("cell-" + r + "-" + c, r == badRow && c == badColumn ? bad : "0.5");
        }
        return fields;
    }

    private static Network scaled(Network like, double value) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 0; l < like.depth(); l++) {
            Layer layer = like.layer(l);
            double[][] w = new double[layer.outputs()][layer.inputs()];
            for (int j = 0; j < w.length; j++) {
                for (int i = 0; i < w[j].length; i++) w[j][i] = (i + j) % 2 == 0 ? value : -value;
            }
            double[] b = new double[layer.outputs()];
            Arrays.fill(b, value);
            layers.add(new Layer(w, b, layer.activation()));
        }
        return new Network(layers);
    }

    private static String clip(String body) {
        for (String marker : List.of("Not loaded:", "Not used:")) { // the message on a page that refuses
            int at = body.indexOf(marker);
            if (at >= 0) return body.substring(at, Math.min(body.length(), at + 300));
        }
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}

package netstep.web;

import netstep.experiment.Config;
import netstep.experiment.Experiment;
import netstep.experiment.Phase;
import netstep.experiment.TrainingPool;
import netstep.experiment.TrainingRun;
import netstep.store.SessionStore;
import netstep.view.TrainingView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** "Train N epochs" on the worker pool: progress by polling, cancel, refusal when busy, limits, divergence. */
class TrainingWebTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = new TestServer(new SessionStore(), new TrainingPool(2, 2));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The widest network the form allows: a training run on it takes seconds. */
    static String[] bigNetwork() {
        return config("3", "64,64,64,64,64,64,64,64", "2", "regression-3-2", "0.01");
    }

    static String[] config(String inputs, String hidden, String outputs, String dataset, String eta) {
        return new String[] {"inputs", inputs, "hidden", hidden, "outputs", outputs, "hiddenActivation", "sigmoid",
                "outputActivation", "identity", "slope", "0.02", "loss", "l2", "learningRate", eta, "seed", "1",
                "dataset", dataset, "order", "shuffled"};
    }

    /** Polls like the page does until the answer is the whole workspace again. */
    static HttpResponse<String> pollUntilDone(TestServer.Browser b) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> poll = b.htmxGet("/training");
            assertEquals(200, poll.statusCode());
            if (poll.headers().firstValue("HX-Retarget").isPresent()) return poll;
            assertTrue(poll.body().startsWith("<section id=\"training\""));
            assertTrue(poll.body().contains("hx-trigger=\"every 500ms\""), "keeps polling while it runs");
            Thread.sleep(50);
        }
        throw new AssertionError("the training run did not finish");
    }

    @Test
    void aRunPollsItsProgressThenEndsWhereWholeEpochsOfStepsWould() throws Exception {
        TestServer.Browser b = server.browser();
        HttpResponse<String> started = b.htmx("/train", "epochs", "20");
        assertEquals(200, started.statusCode());
        assertTrue(started.body().startsWith("<section id=\"workspace\""));
        assertTrue(started.body().contains("hx-get=\"/training\" hx-trigger=\"every 500ms\""));

        HttpResponse<String> done = pollUntilDone(b);
        assertEquals("#workspace", done.headers().firstValue("HX-Retarget").orElseThrow());
        assertTrue(done.body().startsWith("<section id=\"workspace\""));
        assertFalse(done.body().contains("every 500ms"), "polling stops when the run is over");
        assertTrue(done.body().contains("Trained 20 epochs (240 steps)"));
        assertTrue(done.body().contains("<strong id=\"step-count\">240</strong>"));

        Experiment expected = new Experiment(Config.defaults());
        for (int i = 0; i < 20; i++) expected.epoch();
        assertEquals(expected.network(), b.inspect(Experiment::network));
        assertEquals(20, (int) b.inspect(Experiment::epochs));
        assertEquals(expected.currentMeanLoss(), b.inspect(Experiment::currentMeanLoss), 1e-12);

        HttpResponse<String> nextStep = b.htmx("/step", "action", "whole");
        assertTrue(nextStep.body().contains("<strong id=\"step-count\">241</strong>"), "stepping carries on");
        expected.wholeStep();
        assertEquals(expected.network(), b.inspect(Experiment::network));
    }

    @Test
    void aStepInProgressIsFinishedFirstAndTheRunCompletesTheEpoch() throws Exception {
        TestServer.Browser b = server.browser();
        b.htmx("/step", "action", "whole");
        b.htmx("/step", "action", "forward");
        b.htmx("/train", "epochs", "1");
        pollUntilDone(b);

        Experiment expected = new Experiment(Config.defaults());
        expected.wholeStep();
        expected.goTo(Phase.FORWARD);
        expected.epoch();
        assertEquals(12, (int) b.inspect(Experiment::steps));
        assertEquals(expected.network(), b.inspect(Experiment::network));
    }

    @Test
    void aLongRunCanBeCancelledKeepsWhatItLearnedAndNeverStallsOthers() throws Exception {
        TestServer.Browser b = server.browser();
        assertEquals(200, b.htmx("/configure", bigNetwork()).statusCode());
        var before = b.inspect(Experiment::network);
        HttpResponse<String> started = b.htmx("/train", "epochs", "500");
        assertEquals(200, started.statusCode());
        TrainingRun run = b.inspect(e -> e.training().orElseThrow());
        while (run.completedSteps() == 0) Thread.sleep(10);

        HttpResponse<String> refused = b.htmx("/step", "action", "whole");
        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains(TrainingView.IN_PROGRESS));
        // a hand-set weight would be overwritten by the run's result: refused too
        HttpResponse<String> edit = b.htmx("/edit", "parameter", "W1[1,1]", "value", "0.5");
        assertEquals(409, edit.statusCode());
        assertTrue(edit.body().contains(TrainingView.IN_PROGRESS));

        TestServer.Browser other = server.browser();
        long t0 = System.nanoTime();
        HttpResponse<String> otherStep = other.htmx("/step", "action", "whole");
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, otherStep.statusCode());
        assertTrue(millis < 1000, "another student's step took " + millis + " ms during the run");

        HttpResponse<String> cancelling = b.htmx("/train/cancel");
        assertEquals(200, cancelling.statusCode());
        HttpResponse<String> done = pollUntilDone(b);
        assertTrue(done.body().contains("Cancelled after"));
        assertEquals(TrainingRun.State.CANCELLED, run.state());
        assertTrue(run.completedSteps() > 0 && run.completedSteps() < run.totalSteps());
        assertEquals(run.completedSteps(), (int) b.inspect(Experiment::steps));
        assertNotEquals(before, b.inspect(Experiment::network));
    }

    @Test
    void whenEveryWorkerAndQueueSlotIsTakenTheServerSaysItIsBusy() throws Exception {
        try (TestServer small = new TestServer(new SessionStore(), new TrainingPool(1, 1))) {
            TestServer.Browser[] students = new TestServer.Browser[3];
            for (int i = 0; i < 3; i++) {
                students[i] = small.browser();
                students[i].htmx("/configure", bigNetwork());
            }
            assertEquals(200, students[0].htmx("/train", "epochs", "500").statusCode());
            assertEquals(200, students[1].htmx("/train", "epochs", "500").statusCode());
            HttpResponse<String> busy = students[2].htmx("/train", "epochs", "500");
            assertEquals(429, busy.statusCode());
            assertTrue(busy.body().contains("The server is busy training"));
            assertTrue((boolean) students[2].inspect(e -> e.training().isEmpty()));
            assertTrue(students[1].htmxGet("/training").body().contains("Waiting for a free worker"));
            for (int i = 0; i < 2; i++) {
                students[i].htmx("/train/cancel");
                pollUntilDone(students[i]);
            }
        }
    }

    @Test
    void epochsOutOfBoundsOrTooMuchWorkAreRefusedWithAReason() {
        TestServer.Browser b = server.browser();
        assertRefused(b, "0", "Epochs must be a whole number from 1 to 10000, not 0.");
        assertRefused(b, "10001", "Epochs must be a whole number from 1 to 10000, not 10001.");
        assertRefused(b, "", "Epochs must be a whole number from 1 to 10000, not &quot;&quot;.");
        assertRefused(b, "1e3", "not &quot;1e3&quot;");
        b.htmx("/configure", bigNetwork());
        assertRefused(b, "10000", "is too much for one run; this network can train at most");
        assertEquals(0, (int) b.inspect(Experiment::steps));
    }

    private static void assertRefused(TestServer.Browser b, String epochs, String message) {
        HttpResponse<String> r = b.htmx("/train", "epochs", epochs);
        assertEquals(400, r.statusCode(), epochs);
        assertTrue(r.body().contains(message));
        assertTrue((boolean) b.inspect(e -> e.training().isEmpty()));
    }

    @Test
    void aDivergedExperimentIsMarkedExplainedAndOffersAReset() {
        TestServer.Browser b = server.browser();
        assertEquals(200, b.htmx("/configure", config("1", "", "1", "line", "10")).statusCode());
        HttpResponse<String> r = null;
        for (int i = 0; i < 100 && !(r = b.htmx("/step", "action", "epoch")).body().contains("diverged-heading"); i++) {
            assertEquals(200, r.statusCode());
        }
        assertEquals(200, r.statusCode(), "divergence is a state of the experiment, not an error");
        assertTrue(r.body().contains("<h2 id=\"diverged-heading\">Diverged</h2>"));
        assertTrue(r.body().contains("The learning rate η = 10.0 is too large for this loss and network"));
        assertTrue(r.body().contains("id=\"diverged-reset\""));
        assertTrue((boolean) b.inspect(e -> e.network().allFinite()), "the network before the overflow is kept");
        assertTrue(b.get("/").body().contains("diverged-heading"), "the full page shows it too");

        HttpResponse<String> reset = b.htmx("/step", "action", "reset");
        assertFalse(reset.body().contains("diverged-heading"));
        assertTrue(reset.body().contains("<strong id=\"step-count\">0</strong>"));
    }

    @Test
    void aTrainingRunThatDivergesStopsAndSaysSo() throws Exception {
        TestServer.Browser b = server.browser();
        b.htmx("/configure", config("1", "", "1", "line", "10"));
        b.htmx("/train", "epochs", "100");
        HttpResponse<String> done = pollUntilDone(b);
        assertTrue(done.body().contains("training diverged"));
        assertTrue(done.body().contains("diverged-heading"));
        assertTrue((boolean) b.inspect(e -> e.network().allFinite()));
    }
}

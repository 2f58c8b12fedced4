package netstep.experiment;

import netstep.HeapMeter;
import netstep.data.Dataset;
import netstep.engine.Activation;
import netstep.engine.Loss;
import netstep.engine.SampleOrder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * What one session costs on the heap: a 2-8-8-1 network on its own 200-sample dataset after 1,000 steps
 * (so 1,001 values of loss history, 1,000 step records and the last Experiment.KEPT_TRACES steps' full traces).
 * docs/operations.md quotes the figure printed here.
 */
class SessionMemoryTest {
    static final int SESSIONS = 30;
    static final int STEPS = 1000;
    /** Measured 162 to 195 KB on OpenJDK 17 (compressed references), run alone or beside other tests. */
    static final long LEAST = 130 * 1024;
    static final long MOST = 260 * 1024;

    static Dataset twoHundredSamples(long seed) {
        Random random = new Random(seed);
        List<double[]> xs = new ArrayList<>();
        List<double[]> ys = new ArrayList<>();
        for (int s = 0; s < 200; s++) {
            double x1 = 2 * random.nextDouble() - 1;
            double x2 = 2 * random.nextDouble() - 1;
            xs.add(new double[] {x1, x2});
            ys.add(new double[] {x1 * x2 > 0 ? 1 : 0});
        }
        return new Dataset("measure-" + seed, "200 samples", "a smooth XOR", xs, ys);
    }

    static Experiment session(long seed) {
        Config config = new Config(2, List.of(8, 8), 1, Activation.SIGMOID, Activation.SIGMOID, Loss.L2, 0.5, seed,
                "xor", SampleOrder.SHUFFLED).withData(new DataSource.CustomData(twoHundredSamples(seed)));
        Experiment e = new Experiment(config);
        for (int i = 0; i < STEPS; i++) e.wholeStep();
        return e;
    }

    @Test
    void oneSessionTakesAboutWhatTheOperationsNotesSay() {
        session(0); // warm up: load classes and native code before measuring
        long before = HeapMeter.settledHeapBytes();
        List<Experiment> sessions = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) sessions.add(session(i + 1));
        long after = HeapMeter.settledHeapBytes();
        long perSession = (after - before) / SESSIONS;

        assertEquals(STEPS, sessions.get(0).steps());
        assertEquals(STEPS + 1, sessions.get(0).lossHistory().size());
        System.out.printf("One session (2-8-8-1, 200 samples of its own, %d steps of loss history): about %.1f KB%n",
                STEPS, perSession / 1024.0);
        // most of it is the full traces of the last Experiment.KEPT_TRACES steps, kept for the history view: keeping
        // every step's trace, or copies of the samples, would leave the band; so would forgetting the traces
        assertTrue(perSession >= LEAST && perSession <= MOST,
                "one session took " + perSession + " bytes; docs/operations.md says about 160 to 195 KB");
        assertNotNull(sessions); // keeps the sessions reachable until after the measurement
    }
}

package netstep.bench;

import netstep.HeapMeter;
import netstep.experiment.Experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * Bytes one session keeps: heap in use (after full collections) before and after creating
 * {@link #SESSIONS} experiments of 2-8-8-1 on the 200-sample circle, each 1,000 steps along.
 */
final class MemoryFootprint {
    static final int SESSIONS = 40;
    static final int STEPS = 1000;

    private MemoryFootprint() {
    }

    static Benchmarks.Figure bytesPerSession(int rounds) {
        new Experiment(BenchNetworks.CIRCLE_2_8_8_1).wholeStep(); // load and initialise every class first
        double[] perSession = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long before = HeapMeter.settledHeapBytes();
            List<Experiment> kept = new ArrayList<>();
            for (int s = 0; s < SESSIONS; s++) {
                Experiment e = new Experiment(BenchNetworks.CIRCLE_2_8_8_1);
                for (int step = 0; step < STEPS; step++) e.wholeStep();
                kept.add(e);
            }
            long after = HeapMeter.settledHeapBytes();
            perSession[r] = (double) (after - before) / kept.size();
            kept.clear();
        }
        return Benchmarks.Figure.of(perSession);
    }
}

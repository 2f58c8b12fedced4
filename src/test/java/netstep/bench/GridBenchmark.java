package netstep.bench;

import netstep.engine.Network;
import netstep.engine.Vec;
import org.jblas.DoubleMatrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The decision boundary's forward pass: a 100×100 grid through 2-8-8-1, batched against point by point. */
@State(Scope.Benchmark)
public class GridBenchmark {
    static final int SIDE = 100;

    @Param({BenchNetworks.SMALL, BenchNetworks.SMALL_RELU})
    public String network;

    private Network engineNetwork;
    private DoubleMatrix gridColumns;
    private Vec[] gridPoints;

    @Setup
    public void setUp() {
        engineNetwork = BenchNetworks.network(network);
        gridColumns = new DoubleMatrix(2, SIDE * SIDE);
        gridPoints = new Vec[SIDE * SIDE];
        for (int s = 0; s < SIDE * SIDE; s++) {
            double x1 = -1.5 + 3.0 * (s % SIDE + 0.5) / SIDE;
            double x2 = 1.5 - 3.0 * (s / SIDE + 0.5) / SIDE;
            gridColumns.put(0, s, x1);
            gridColumns.put(1, s, x2);
            gridPoints[s] = Vec.of(x1, x2);
        }
    }

    @Benchmark
    public DoubleMatrix batched() {
        return engineNetwork.predictBatch(gridColumns);
    }

    @Benchmark
    public double singleSamples() {
        double sum = 0;
        for (Vec point : gridPoints) sum += engineNetwork.predict(point).get(0);
        return sum;
    }
}

package netstep.bench;

import netstep.engine.Activation;
import netstep.engine.Loss;
import netstep.engine.Network;
import netstep.engine.Sgd;
import netstep.engine.StepTrace;
import netstep.engine.Trainer;
import netstep.engine.Vec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.Random;

/**
 * Bulk training (issue 14): one epoch of per-sample SGD (batch 1, η 0.03) over 500 XOR points through 2-8-8-1
 * tanh, the work TensorFlow Playground's engine is compared on: untraced ({@link Trainer}), traced (a
 * {@link StepTrace} recorded per sample) and the plain double[] baseline. Each operation is 500 samples.
 */
@State(Scope.Benchmark)
public class TrainBenchmark {
    static final int SAMPLES = 500;
    static final double ETA = 0.03;

    private Network network;
    private Vec[] xVecs;
    private Vec[] yVecs;
    private double[][] xs;
    private double[][] ys;
    private final Sgd sgd = new Sgd(Loss.L2, ETA);
    private final PlainSgd plain = new PlainSgd(Loss.L2, ETA);

    /** 2-8-8-1 with tanh everywhere, as the Playground's regression-style output. */
    static Network xorNetwork() {
        return xorNetwork(8);
    }

    /** 2-w-w-1 tanh, seeded as {@link #xorNetwork()} (the widths the peer comparison reports). */
    static Network xorNetwork(int width) {
        return Network.initialise(List.of(2, width, width, 1), Activation.TANH, Activation.TANH, 1);
    }

    /** 500 seeded points of [−6, 6]², labelled +1 where x₁x₂ > 0 and −1 elsewhere (the Playground's XOR). */
    static double[][][] xorPoints() {
        Random random = new Random(14);
        double[][] xs = new double[SAMPLES][2];
        double[][] ys = new double[SAMPLES][1];
        for (int s = 0; s < SAMPLES; s++) {
            xs[s][0] = 12 * random.nextDouble() - 6;
            xs[s][1] = 12 * random.nextDouble() - 6;
            ys[s][0] = xs[s][0] * xs[s][1] > 0 ? 1 : -1;
        }
        return new double[][][] {xs, ys};
    }

    @Setup
    public void setUp() {
        network = xorNetwork();
        double[][][] points = xorPoints();
        xs = points[0];
        ys = points[1];
        xVecs = new Vec[SAMPLES];
        yVecs = new Vec[SAMPLES];
        for (int s = 0; s < SAMPLES; s++) {
            xVecs[s] = Vec.of(xs[s]);
            yVecs[s] = Vec.of(ys[s]);
        }
    }

    @Benchmark
    public Trainer untraced() {
        Trainer trainer = sgd.trainer(network);
        for (int s = 0; s < SAMPLES; s++) trainer.step(xs[s], ys[s]);
        return trainer;
    }

    @Benchmark
    public Network traced() {
        Network n = network;
        for (int s = 0; s < SAMPLES; s++) n = sgd.step(n, xVecs[s], yVecs[s]).after();
        return n;
    }

    @Benchmark
    public PlainSgd.PlainLayer[] plainLoop() {
        PlainSgd.PlainLayer[] layers = PlainSgd.copyOf(network);
        for (int s = 0; s < SAMPLES; s++) layers = plain.step(layers, xs[s], ys[s]).after();
        return layers;
    }
}

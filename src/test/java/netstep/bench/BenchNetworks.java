package netstep.bench;

import netstep.data.Datasets;
import netstep.engine.Activation;
import netstep.engine.Loss;
import netstep.engine.Network;
import netstep.engine.SampleOrder;
import netstep.experiment.Config;

import java.util.List;
import java.util.Random;

/** The networks the benchmarks measure, by the names the table prints. */
public final class BenchNetworks {
    static final String SMALL = "2-8-8-1 tanh";
    static final String LECTURE = "3-4-2 sigmoid";
    /** ReLU costs almost nothing, so this one shows what batching the products saves. */
    static final String SMALL_RELU = "2-8-8-1 relu";
    /** The stepper's experiment for rendering and memory: 2-8-8-1 on the 200-sample circle. */
    public static final Config CIRCLE_2_8_8_1 = new Config(2, List.of(8, 8), 1, Activation.TANH, Activation.SIGMOID,
            Loss.L2, 0.5, 1, Datasets.CIRCLE, SampleOrder.SHUFFLED);

    private BenchNetworks() {
    }

    static Network network(String name) {
        return switch (name) {
            case SMALL -> Network.initialise(List.of(2, 8, 8, 1), Activation.TANH, Activation.SIGMOID, 1);
            case LECTURE -> Network.initialise(List.of(3, 4, 2), Activation.SIGMOID, Activation.IDENTITY, 1);
            case SMALL_RELU -> Network.initialise(List.of(2, 8, 8, 1), Activation.RELU, Activation.SIGMOID, 1);
            default -> {
                // "2-W-W-1 tanh": two hidden layers of width W
                int width = Integer.parseInt(name.split("[- ]")[1]);
                yield Network.initialise(List.of(2, width, width, 1), Activation.TANH, Activation.SIGMOID, 1);
            }
        };
    }

    /** Seeded points of the square [−1.5, 1.5]², one per row, for a network with this many inputs. */
    static double[][] inputs(int count, int inputs, long seed) {
        Random random = new Random(seed);
        double[][] xs = new double[count][inputs];
        for (double[] x : xs) {
            for (int i = 0; i < inputs; i++) x[i] = 3 * random.nextDouble() - 1.5;
        }
        return xs;
    }

    /** Targets for {@link #inputs}: 1 inside the unit circle (first two inputs), else 0, in every output. */
    static double[][] circleLabels(double[][] xs, int outputs) {
        double[][] ys = new double[xs.length][outputs];
        for (int s = 0; s < xs.length; s++) {
            double label = xs[s][0] * xs[s][0] + xs[s][1] * xs[s][1] < 1 ? 1 : 0;
            java.util.Arrays.fill(ys[s], label);
        }
        return ys;
    }
}

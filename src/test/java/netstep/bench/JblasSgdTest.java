package netstep.bench;

import netstep.engine.Activation;
import netstep.engine.Loss;
import netstep.engine.Network;
import netstep.engine.Sgd;
import netstep.engine.Trainer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The jblas-operations step the engine's loops are measured against must do the engine's math. */
class JblasSgdTest {
    @Test
    void jblasOperationsTrainAsTheEngineDoes() {
        check(TrainBenchmark.xorNetwork(), Loss.L2, TrainBenchmark.xorPoints());
        Network digitsLike = Network.initialise(List.of(6, 5, 3), Activation.RELU, Activation.SOFTMAX, 2);
        double[][] xs = BenchNetworks.inputs(40, 6, 5);
        double[][] ys = new double[40][3];
        for (int s = 0; s < 40; s++) ys[s][s % 3] = 1;
        check(digitsLike, Loss.CROSS_ENTROPY, new double[][][] {xs, ys});
    }

    private static void check(Network start, Loss loss, double[][][] data) {
        Trainer trainer = new Sgd(loss, 0.03).trainer(start);
        JblasSgd jblas = new JblasSgd(start, loss, 0.03);
        for (int s = 0; s < data[0].length; s++) {
            trainer.step(data[0][s], data[1][s]);
            assertEquals(trainer.lastLoss(), jblas.step(data[0][s], data[1][s]), 1e-9);
        }
        Network trained = trainer.network();
        assertNotEquals(start.layer(0).weight(0, 0), trained.layer(0).weight(0, 0), "training moved the weights");
        for (int l = 0; l < trained.depth(); l++) {
            for (int j = 0; j < trained.layer(l).outputs(); j++) {
                for (int i = 0; i < trained.layer(l).inputs(); i++) {
                    assertEquals(trained.layer(l).weight(j, i), jblas.weight(l, j, i), 1e-9);
                }
            }
        }
    }
}

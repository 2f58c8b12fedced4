package netstep.engine;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The whole-dataset evaluation against the step's own numbers, sample by sample. */
class EvaluationTest {

    @Test
    void meanLossAccuracyAndConfusionMatchTheSteps() {
        Random r = new Random(8);
        Network net = SoftmaxAndMulticlassTest.randomNetwork(new int[] {6, 7, 4}, Activation.TANH, Activation.SOFTMAX,
                null, r);
        int n = 301;
        double[][] xs = new double[n][];
        double[][] ys = new double[n][];
        for (int s = 0; s < n; s++) {
            xs[s] = SoftmaxAndMulticlassTest.gaussians(6, r);
            ys[s] = new double[4];
            ys[s][r.nextInt(4)] = 1;
        }
        for (Loss loss : List.of(Loss.CROSS_ENTROPY, Loss.MULTICLASS_HINGE, Loss.L2)) {
            double total = 0;
            int correct = 0;
            int[][] confusion = new int[4][4];
            for (int s = 0; s < n; s++) {
                StepTrace t = new Sgd(loss, 0.1).step(net, Vec.of(xs[s]), Vec.of(ys[s]));
                total += t.loss();
                int predicted = Evaluation.argmax(t.prediction().toArray());
                int actual = Evaluation.argmax(ys[s]);
                confusion[actual][predicted]++;
                if (predicted == actual) correct++;
            }
            Evaluation e = Evaluation.of(net, loss, xs, ys);
            assertEquals(total / n, e.meanLoss(), 1e-12, loss.id);
            assertEquals((double) correct / n, e.accuracy(), 0.0);
            for (int c = 0; c < 4; c++) {
                for (int p = 0; p < 4; p++) assertEquals(confusion[c][p], e.count(c, p), c + "→" + p);
            }
        }
    }

    /** 64-32-10 over 1,797 samples is large enough for native BLAS where it loaded; plain Java must agree. */
    @Test
    void nativeAndPlainJavaProductsGiveTheSameNumbers() {
        Random r = new Random(10);
        Network net = Network.initialise(List.of(64, 32, 10), Activation.TANH, Activation.SOFTMAX, 3);
        double[][] xs = new double[1797][64];
        double[][] ys = new double[1797][10];
        for (int s = 0; s < xs.length; s++) {
            for (int i = 0; i < 64; i++) xs[s][i] = r.nextInt(17) / 16.0;
            ys[s][r.nextInt(10)] = 1;
        }
        Evaluation chosen = Evaluation.of(net, Loss.CROSS_ENTROPY, xs, ys);
        Evaluation java = Evaluation.ofInJava(net, Loss.CROSS_ENTROPY, xs, ys);
        assertEquals(java.meanLoss(), chosen.meanLoss(), 1e-12);
        assertEquals(java.accuracy(), chosen.accuracy(), 0.0);
    }

    @Test
    void maskedNetworksEvaluateLikeTheirSteps() {
        Random r = new Random(9);
        Network net = SoftmaxAndMulticlassTest.randomNetwork(new int[] {16, 9, 3}, Activation.RELU, Activation.SOFTMAX,
                Masks.window(4, 4, 2, 1), r);
        double[][] xs = new double[50][];
        double[][] ys = new double[50][];
        double total = 0;
        for (int s = 0; s < 50; s++) {
            xs[s] = SoftmaxAndMulticlassTest.gaussians(16, r);
            ys[s] = SoftmaxAndMulticlassTest.probabilities(3, r, true);
            total += new Sgd(Loss.CROSS_ENTROPY, 0.1).step(net, Vec.of(xs[s]), Vec.of(ys[s])).loss();
        }
        assertEquals(total / 50, Evaluation.of(net, Loss.CROSS_ENTROPY, xs, ys).meanLoss(), 1e-12);
    }
}

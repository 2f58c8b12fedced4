package netstep.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mini-batches and regularization: a batch of one is the step as it was before batches, bit for bit; the batch's
 * mean gradient and both regularizers' terms agree with finite differences of L + λR; full-batch gradient descent
 * matches a 2-sample example worked by hand; and untraced training gives the traced numbers bit for bit.
 */
class BatchAndRegularizationTest {

    /** A network, a loss and samples it accepts. */
    record Case(String name, Network network, Loss loss, double[][] xs, double[][] ys) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        Random random = new Random(5);
        cases.add(new Case("2-8-8-1 tanh/sigmoid L2", Network.initialise(List.of(2, 8, 8, 1), Activation.TANH,
                Activation.SIGMOID, 1), Loss.L2, points(random, 12, 2), labels(random, 12, 1, false)));
        cases.add(new Case("3-4-2 sigmoid/identity L1", Network.initialise(List.of(3, 4, 2), Activation.SIGMOID,
                Activation.IDENTITY, 2), Loss.L1, points(random, 9, 3), labels(random, 9, 2, false)));
        cases.add(new Case("2-5-3 ReLU/softmax cross-entropy", Network.initialise(List.of(2, 5, 3), Activation.RELU,
                Activation.SOFTMAX, 3), Loss.CROSS_ENTROPY, points(random, 10, 2), oneHot(random, 10, 3)));
        cases.add(new Case("2-4-3 leaky ReLU/identity multi-class hinge", Network.initialise(List.of(2, 4, 3),
                Activation.leakyRelu(0.1), Activation.IDENTITY, 4), Loss.MULTICLASS_HINGE, points(random, 8, 2),
                oneHot(random, 8, 3)));
        cases.add(new Case("1-3-1 tanh/identity hinge (one input)", Network.initialise(List.of(1, 3, 1), Activation.TANH,
                Activation.IDENTITY, 5), Loss.HINGE, points(random, 7, 1), labels(random, 7, 1, true)));
        double[][] mask = {{1, 1, 0, 0}, {0, 1, 1, 0}, {0, 0, 1, 1}};
        Layer local = new Layer(new double[][] {{0.3, -0.2, 0, 0}, {0, 0.5, 0.1, 0}, {0, 0, -0.4, 0.6}},
                new double[] {0.1, 0, -0.1}, Activation.TANH, mask);
        Layer out = new Layer(new double[][] {{0.7, -0.3, 0.2}}, new double[] {0.05}, Activation.IDENTITY);
        cases.add(new Case("4-3 locally connected, then 1, L2", new Network(List.of(local, out)), Loss.L2,
                points(random, 6, 4), labels(random, 6, 1, false)));
        return cases;
    }

    /** Points in [−1.5, 1.5]ᵈ, every fifth coordinate exactly 0 (a = Wx + b skips zero inputs). */
    static double[][] points(Random random, int count, int inputs) {
        double[][] xs = new double[count][inputs];
        int k = 0;
        for (double[] x : xs) {
            for (int i = 0; i < inputs; i++) x[i] = k++ % 5 == 0 ? 0 : 3 * random.nextDouble() - 1.5;
        }
        return xs;
    }

    static double[][] labels(Random random, int count, int outputs, boolean plusMinus) {
        double[][] ys = new double[count][outputs];
        for (double[] y : ys) {
            for (int k = 0; k < outputs; k++) {
                y[k] = plusMinus ? (random.nextBoolean() ? 1 : -1) : 2 * random.nextDouble() - 1;
            }
        }
        return ys;
    }

    static double[][] oneHot(Random random, int count, int classes) {
        double[][] ys = new double[count][classes];
        for (double[] y : ys) y[random.nextInt(classes)] = 1;
        return ys;
    }

    static List<Vec> vecs(double[][] rows, int from, int to) {
        List<Vec> out = new ArrayList<>();
        for (int s = from; s < to; s++) out.add(Vec.of(rows[s]));
        return out;
    }

    static Stream<Case> allCases() {
        return cases().stream();
    }

    // ---------------------------------------------------------------- a batch of one is today's step

    @ParameterizedTest
    @MethodSource("allCases")
    void aBatchOfOneIsTheStepBeforeBatchesBitForBit(Case c) {
        for (boolean trainBiases : new boolean[] {true, false}) {
            Sgd sgd = new Sgd(c.loss(), 0.3, trainBiases);
            TodaysSgd todays = new TodaysSgd(c.loss(), 0.3, trainBiases);
            Network network = c.network();
            for (int s = 0; s < c.xs().length; s++) {
                StepTrace now = sgd.step(network, Vec.of(c.xs()[s]), Vec.of(c.ys()[s]));
                StepTrace before = todays.step(network, Vec.of(c.xs()[s]), Vec.of(c.ys()[s]));
                assertEquals(before, now, c + ", sample " + s);
                assertEquals(before.diverged(), now.diverged());
                network = now.after();
            }
        }
    }

    @Test
    void aStepTraceHasNoPlaceForRegularization() {
        Sgd sgd = new Sgd(Loss.L2, 0.1, true, Regularization.l2(0.1));
        Network n = Network.initialise(List.of(1, 1), Activation.IDENTITY, Activation.IDENTITY, 1);
        assertThrows(IllegalStateException.class, () -> sgd.step(n, Vec.of(1), Vec.of(1)));
    }

    // ---------------------------------------------------------------- finite differences

    static Stream<Arguments> batchesAndRegularizers() {
        List<Arguments> out = new ArrayList<>();
        for (Case c : cases()) {
            for (Regularization r : List.of(Regularization.NONE, Regularization.l2(0.3), Regularization.l1(0.2))) {
                out.add(Arguments.of(c, r));
            }
        }
        return out.stream();
    }

    /** L + λR of a batch (the loss the step's total gradient differentiates), from predictions alone. */
    static double objective(Network n, Loss loss, Regularization r, double[][] xs, double[][] ys, int size) {
        double sum = 0;
        for (int s = 0; s < size; s++) sum += loss.total(n.predict(Vec.of(xs[s])).toArray(), ys[s]);
        return sum / size + r.lambda() * r.penalty(n);
    }

    @ParameterizedTest
    @MethodSource("batchesAndRegularizers")
    void theBatchGradientAndTheRegularizersAgreeWithFiniteDifferences(Case c, Regularization r) {
        int size = Math.min(4, c.xs().length);
        Sgd sgd = new Sgd(c.loss(), 0.1, true, r);
        BatchTrace t = sgd.step(c.network(), vecs(c.xs(), 0, size), vecs(c.ys(), 0, size));
        assertEquals(size, t.batchSize());
        double h = 1e-6;
        int checked = 0;
        for (int l = 0; l < c.network().depth(); l++) {
            Layer layer = c.network().layer(l);
            BatchTrace.LayerGradient g = t.gradients().get(l);
            for (int j = 0; j < layer.outputs(); j++) {
                for (int i = 0; i < layer.inputs(); i++) {
                    double w = layer.weight(j, i);
                    if (!layer.connected(j, i)) {
                        assertEquals(0, g.dTotal_dW().get(j, i), 0.0, "a masked weight has no gradient");
                        continue;
                    }
                    int layerIndex = l;
                    int jj = j;
                    int ii = i;
                    double numeric = (objective(c.network().withWeight(layerIndex, jj, ii, w + h), c.loss(), r, c.xs(),
                            c.ys(), size) - objective(c.network().withWeight(layerIndex, jj, ii, w - h), c.loss(), r,
                            c.xs(), c.ys(), size)) / (2 * h);
                    assertEquals(numeric, g.dTotal_dW().get(j, i), 1e-6 * Math.max(1, Math.abs(numeric)),
                            c + " " + r.label() + ": ∂(L + λR)/∂W of layer " + (l + 1) + " (" + j + ", " + i + ")");
                    assertEquals(g.dL_dW().get(j, i) + g.lambda_dR_dW().get(j, i), g.dTotal_dW().get(j, i), 0.0);
                    checked++;
                }
                double bias = layer.bias(j);
                int layerIndex = l;
                int jj = j;
                double numeric = (objective(c.network().withBias(layerIndex, jj, bias + h), c.loss(), r, c.xs(), c.ys(),
                        size) - objective(c.network().withBias(layerIndex, jj, bias - h), c.loss(), r, c.xs(), c.ys(),
                        size)) / (2 * h);
                assertEquals(numeric, g.dL_db().get(j), 1e-6 * Math.max(1, Math.abs(numeric)),
                        c + ": ∂L/∂b of layer " + (l + 1) + " neuron " + j + " (no regularization term)");
            }
        }
        assertTrue(checked > 0);
        // the loss phase's numbers
        assertEquals(objective(c.network(), c.loss(), r, c.xs(), c.ys(), size), t.loss(), 1e-12);
        assertEquals(t.dataLoss() + t.lambdaR(), t.loss(), 1e-15);
        assertEquals(r.lambda() * r.penalty(c.network()), t.lambdaR(), 0.0);
        double mean = 0;
        for (BatchTrace.Sample s : t.samples()) mean += s.loss();
        assertEquals(mean / size, t.dataLoss(), 1e-15);
    }

    @Test
    void theMeanGradientIsTheMeanOfThePerSampleGradients() {
        Case c = cases().get(0);
        BatchTrace t = new Sgd(c.loss(), 0.1).step(c.network(), vecs(c.xs(), 0, 5), vecs(c.ys(), 0, 5));
        for (int l = 0; l < c.network().depth(); l++) {
            Mat mean = t.gradients().get(l).dL_dW();
            for (int j = 0; j < mean.rows(); j++) {
                for (int i = 0; i < mean.columns(); i++) {
                    double sum = 0;
                    for (BatchTrace.Sample s : t.samples()) sum += s.backward().get(l).dL_dW().get(j, i);
                    assertEquals(sum / 5, mean.get(j, i), 1e-15);
                }
            }
        }
    }

    @Test
    void regularizationsPenaltiesAndDerivativesByHand() {
        Layer layer = new Layer(new double[][] {{3, -4}, {0, 0.5}}, new double[] {100, -100}, Activation.IDENTITY);
        Network n = new Network(List.of(layer));
        // L2: ½(9 + 16 + 0 + 0.25) = 12.625; L1: 3 + 4 + 0 + 0.5 = 7.5; biases not counted
        assertEquals(12.625, Regularization.l2(1).penalty(n), 1e-15);
        assertEquals(7.5, Regularization.l1(1).penalty(n), 1e-15);
        assertEquals(0, Regularization.NONE.penalty(n), 0.0);
        assertEquals(-4, Regularization.l2(1).derivative(-4), 0.0);
        assertEquals(-1, Regularization.l1(1).derivative(-4), 0.0);
        assertEquals(0, Regularization.l1(1).derivative(0), 0.0, "L1's derivative at 0 is 0");
        assertThrows(IllegalArgumentException.class, () -> Regularization.l2(-0.1));
        assertThrows(IllegalArgumentException.class, () -> Regularization.l2(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Regularization.l1(10.5));
    }

    @Test
    void l1LeavesAZeroWeightWithoutAPull() {
        // y = w·x + b with w = 0 and x = 0: no data gradient on w, and L1's derivative at 0 is 0
        Layer layer = new Layer(new double[][] {{0, 2}}, new double[] {0}, Activation.IDENTITY);
        Network n = new Network(List.of(layer));
        BatchTrace t = new Sgd(Loss.L2, 0.1, true, Regularization.l1(0.5))
                .step(n, List.of(Vec.of(0, 1)), List.of(Vec.of(1)));
        assertEquals(0, t.gradients().get(0).lambda_dR_dW().get(0, 0), 0.0);
        assertEquals(0, t.after().layer(0).weight(0, 0), 0.0);
        assertEquals(0.5, t.gradients().get(0).lambda_dR_dW().get(0, 1), 0.0);
    }

    // ---------------------------------------------------------------- full-batch gradient descent by hand

    /**
     * ŷ = w·x + b with w = 0.5, b = 0, L = ½(y − ŷ)², η = 0.1, both samples in one batch:
     * (x = 1, y = 2): ŷ = 0.5, L₁ = ½·1.5² = 1.125, ∂L₁/∂ŷ = ŷ − y = −1.5, ∂L₁/∂w = −1.5·1 = −1.5, ∂L₁/∂b = −1.5;
     * (x = 2, y = 0): ŷ = 1, L₂ = ½·1² = 0.5, ∂L₂/∂ŷ = 1, ∂L₂/∂w = 1·2 = 2, ∂L₂/∂b = 1.
     * Means: L = 0.8125, ∂L/∂w = 0.25, ∂L/∂b = −0.25. Without regularization w ← 0.5 − 0.1·0.25 = 0.475,
     * b ← 0 − 0.1·(−0.25) = 0.025. With L2, λ = 0.1: R = ½·0.5² = 0.125, λR = 0.0125, L + λR = 0.825,
     * λ∂R/∂w = 0.1·0.5 = 0.05, ∂(L + λR)/∂w = 0.3, w ← 0.5 − 0.1·0.3 = 0.47, b as before.
     */
    @Test
    void fullBatchGradientDescentOnTwoSamplesByHand() {
        Network n = new Network(List.of(new Layer(new double[][] {{0.5}}, new double[] {0}, Activation.IDENTITY)));
        double[][] xs = {{1}, {2}};
        double[][] ys = {{2}, {0}};
        BatchTrace plain = new Sgd(Loss.L2, 0.1).step(n, vecs(xs, 0, 2), vecs(ys, 0, 2));
        assertEquals(1.125, plain.samples().get(0).loss(), 1e-15);
        assertEquals(0.5, plain.samples().get(1).loss(), 1e-15);
        assertEquals(-1.5, plain.samples().get(0).backward().get(0).dL_dW().get(0, 0), 1e-15);
        assertEquals(2, plain.samples().get(1).backward().get(0).dL_dW().get(0, 0), 1e-15);
        assertEquals(0.8125, plain.dataLoss(), 1e-15);
        assertEquals(0.8125, plain.loss(), 1e-15);
        assertEquals(0.25, plain.gradients().get(0).dL_dW().get(0, 0), 1e-15);
        assertEquals(-0.25, plain.gradients().get(0).dL_db().get(0), 1e-15);
        assertEquals(0.475, plain.after().layer(0).weight(0, 0), 1e-15);
        assertEquals(0.025, plain.after().layer(0).bias(0), 1e-15);

        BatchTrace l2 = new Sgd(Loss.L2, 0.1, true, Regularization.l2(0.1)).step(n, vecs(xs, 0, 2), vecs(ys, 0, 2));
        assertEquals(0.125, l2.penalty(), 1e-15);
        assertEquals(0.0125, l2.lambdaR(), 1e-15);
        assertEquals(0.825, l2.loss(), 1e-15);
        assertEquals(0.8125, l2.dataLoss(), 1e-15);
        assertEquals(0.05, l2.gradients().get(0).lambda_dR_dW().get(0, 0), 1e-15);
        assertEquals(0.3, l2.gradients().get(0).dTotal_dW().get(0, 0), 1e-15);
        assertEquals(0.47, l2.after().layer(0).weight(0, 0), 1e-15);
        assertEquals(0.025, l2.after().layer(0).bias(0), 1e-15);

        // the same as one epoch of training with the batch the whole dataset
        Training.Result epoch = Training.run(n, new Sgd(Loss.L2, 0.1), xs, ys, 1, SampleOrder.SEQUENTIAL, 0, 2);
        assertEquals(plain.after(), epoch.network());
    }

    // ---------------------------------------------------------------- untraced = traced, bit for bit

    /** Training as the traced step does it: batch by batch through {@link Sgd#step(Network, List, List)}. */
    static Training.Result tracedTraining(Network start, Sgd sgd, double[][] xs, double[][] ys, int epochs,
                                          SampleOrder order, long seed, int batchSize) {
        SampleSchedule schedule = new SampleSchedule(xs.length, order, seed);
        Network network = start;
        List<Double> history = new ArrayList<>();
        List<Double> dataHistory = new ArrayList<>();
        for (int e = 0; e < epochs; e++) {
            do {
                int size = Math.min(batchSize, xs.length - schedule.position());
                List<Vec> bx = new ArrayList<>();
                List<Vec> by = new ArrayList<>();
                for (int k = 0; k < size; k++) {
                    int index = schedule.next();
                    bx.add(Vec.of(xs[index]));
                    by.add(Vec.of(ys[index]));
                }
                BatchTrace t = sgd.step(network, bx, by);
                if (t.diverged()) throw new DivergedException("diverged");
                network = t.after();
            } while (schedule.position() != 0);
            dataHistory.add(sgd.meanLoss(network, xs, ys));
            history.add(sgd.meanObjective(network, xs, ys));
        }
        return new Training.Result(network, history, dataHistory);
    }

    static Stream<Arguments> trainingSettings() {
        List<Arguments> out = new ArrayList<>();
        for (Case c : cases()) {
            for (Regularization r : List.of(Regularization.NONE, Regularization.l2(0.01), Regularization.l1(0.02))) {
                for (int b : new int[] {1, 3, c.xs().length}) out.add(Arguments.of(c, r, b));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("trainingSettings")
    void untracedTrainingGivesTheTracedNumbersBitForBit(Case c, Regularization r, int batchSize) {
        for (SampleOrder order : SampleOrder.values()) {
            Sgd sgd = new Sgd(c.loss(), 0.2, true, r);
            Training.Result traced = tracedTraining(c.network(), sgd, c.xs(), c.ys(), 4, order, 7, batchSize);
            Training.Result untraced = Training.run(c.network(), sgd, c.xs(), c.ys(), 4, order, 7, batchSize);
            assertEquals(traced.network(), untraced.network(), c + ", " + r.label() + ", b = " + batchSize);
            assertEquals(traced.lossHistory(), untraced.lossHistory());
            assertEquals(traced.dataLossHistory(), untraced.dataLossHistory());
            assertFalse(traced.network().equals(c.network()), "training changed something");
        }
    }

    @Test
    void untracedTrainingDivergesWhereTheTracedStepDoes() {
        Case linear = cases().get(1);
        Case c = new Case("3-4-2 identity", Network.initialise(List.of(3, 4, 2), Activation.IDENTITY,
                Activation.IDENTITY, 2), Loss.L2, linear.xs(), linear.ys());
        Sgd sgd = new Sgd(Loss.L2, 10, true, Regularization.NONE);
        double[][] big = new double[c.xs().length][];
        for (int s = 0; s < big.length; s++) big[s] = new double[] {1e200, -1e200, 1e200};
        assertThrows(DivergedException.class,
                () -> tracedTraining(c.network(), sgd, big, c.ys(), 3, SampleOrder.SEQUENTIAL, 0, 2));
        assertThrows(DivergedException.class,
                () -> Training.run(c.network(), sgd, big, c.ys(), 3, SampleOrder.SEQUENTIAL, 0, 2));
        Trainer trainer = sgd.trainer(c.network());
        assertFalse(trainer.step(big[0], c.ys()[0]));
        assertEquals(c.network(), trainer.network(), "a step that overflows is not applied");
    }

    @Test
    void batchesAreConsecutiveSamplesOfTheEpochTheLastOneSmaller() {
        // 5 samples in batches of 2: {0, 1}, {2, 3}, {4}, each averaged over its own size
        Case c = cases().get(0);
        double[][] xs = java.util.Arrays.copyOf(c.xs(), 5);
        double[][] ys = java.util.Arrays.copyOf(c.ys(), 5);
        Sgd sgd = new Sgd(c.loss(), 0.2);
        Network n = c.network();
        n = sgd.step(n, vecs(xs, 0, 2), vecs(ys, 0, 2)).after();
        n = sgd.step(n, vecs(xs, 2, 4), vecs(ys, 2, 4)).after();
        n = sgd.step(n, vecs(xs, 4, 5), vecs(ys, 4, 5)).after();
        assertEquals(n, Training.run(c.network(), sgd, xs, ys, 1, SampleOrder.SEQUENTIAL, 0, 2).network());
        assertThrows(IllegalArgumentException.class,
                () -> Training.run(c.network(), sgd, xs, ys, 1, SampleOrder.SEQUENTIAL, 0, 6));
        assertThrows(IllegalArgumentException.class,
                () -> Training.run(c.network(), sgd, xs, ys, 1, SampleOrder.SEQUENTIAL, 0, 0));
    }

    @Test
    void theTracedBatchRecordsEachSamplesOwnNumbers() {
        Case c = cases().get(2);
        BatchTrace t = new Sgd(c.loss(), 0.1).step(c.network(), vecs(c.xs(), 0, 3), vecs(c.ys(), 0, 3));
        for (int s = 0; s < 3; s++) {
            StepTrace alone = new Sgd(c.loss(), 0.1).step(c.network(), Vec.of(c.xs()[s]), Vec.of(c.ys()[s]));
            BatchTrace.Sample sample = t.samples().get(s);
            assertEquals(alone.forward(), sample.forward());
            assertEquals(alone.backward(), sample.backward());
            assertEquals(alone.loss(), sample.loss(), 0.0);
            assertArrayEquals(c.xs()[s], sample.x().toArray(), 0.0);
        }
        ToDoubleFunction<Network> w = n -> n.layer(0).weight(0, 0);
        assertEquals(w.applyAsDouble(c.network()) - 0.1 * t.gradients().get(0).dTotal_dW().get(0, 0),
                w.applyAsDouble(t.after()), 0.0);
    }
}

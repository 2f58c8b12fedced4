package netstep.engine;

import netstep.data.Dataset;
import netstep.data.Datasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeterminismTest {

    @Test
    void theSameSeedGivesTheSameNetwork() {
        List<Integer> sizes = List.of(3, 4, 2);
        Network a = Network.initialise(sizes, Activation.SIGMOID, Activation.IDENTITY, 42);
        Network b = Network.initialise(sizes, Activation.SIGMOID, Activation.IDENTITY, 42);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        for (int l = 0; l < a.depth(); l++) {
            assertEquals(a.layer(l).weights(), b.layer(l).weights());
            assertEquals(a.layer(l).biases(), b.layer(l).biases());
        }
    }

    @Test
    void differentSeedsGiveDifferentNetworks() {
        List<Integer> sizes = List.of(3, 4, 2);
        Network a = Network.initialise(sizes, Activation.SIGMOID, Activation.IDENTITY, 1);
        Network b = Network.initialise(sizes, Activation.SIGMOID, Activation.IDENTITY, 2);
        assertNotEquals(a, b);
        for (int l = 0; l < a.depth(); l++) {
            assertNotEquals(a.layer(l).weights(), b.layer(l).weights(), "layer " + (l + 1));
        }
        // the activation is part of the network
        assertNotEquals(a, Network.initialise(sizes, Activation.TANH, Activation.IDENTITY, 1));
    }

    @Test
    void glorotUniformWeightsAndZeroBiases() {
        List<Integer> sizes = List.of(2, 8, 8, 1);
        Network net = Network.initialise(sizes, Activation.RELU, Activation.SIGMOID, 9);
        for (int l = 0; l < net.depth(); l++) {
            Layer layer = net.layer(l);
            // limit = √(6 / (fan_in + fan_out)), e.g. √(6/10) ≈ 0.775 for 2→8, √(6/16) ≈ 0.612 for 8→8
            double limit = Math.sqrt(6.0 / (sizes.get(l) + sizes.get(l + 1)));
            for (int j = 0; j < layer.outputs(); j++) {
                for (int i = 0; i < layer.inputs(); i++) {
                    assertTrue(Math.abs(layer.weight(j, i)) <= limit, "W" + (l + 1) + "[" + j + "][" + i + "]");
                }
                assertEquals(0.0, layer.bias(j), 0.0);
            }
            assertEquals(l == net.depth() - 1 ? Activation.SIGMOID : Activation.RELU, layer.activation());
        }
    }

    static double[][][] regression() {
        Dataset d = Datasets.byId(Datasets.REGRESSION_3_2).orElseThrow();
        return new double[][][] {d.xMatrix(), d.yMatrix()};
    }

    @ParameterizedTest
    @ValueSource(strings = {"sequential", "shuffled"})
    void trainingTwiceGivesIdenticalLossHistories(String orderId) {
        SampleOrder order = SampleOrder.fromId(orderId);
        double[][][] data = regression();
        Network start = Network.initialise(List.of(3, 4, 2), Activation.SIGMOID, Activation.IDENTITY, 1);
        Training.Result a = Training.run(start, new Sgd(Loss.L2, 0.1), data[0], data[1], 15, order, 5);
        Training.Result b = Training.run(start, new Sgd(Loss.L2, 0.1), data[0], data[1], 15, order, 5);
        assertEquals(15, a.lossHistory().size());
        assertEquals(a.lossHistory(), b.lossHistory());
        assertEquals(a.network(), b.network());
        // and training did something: the loss went down
        double initial = Sgd.meanLoss(Loss.L2, start, data[0], data[1]);
        assertTrue(a.lossHistory().get(14) < initial);
    }

    @Test
    void theShuffleSeedMatters() {
        double[][][] data = regression();
        Network start = Network.initialise(List.of(3, 4, 2), Activation.SIGMOID, Activation.IDENTITY, 1);
        Training.Result a = Training.run(start, new Sgd(Loss.L2, 0.1), data[0], data[1], 3, SampleOrder.SHUFFLED, 5);
        Training.Result b = Training.run(start, new Sgd(Loss.L2, 0.1), data[0], data[1], 3, SampleOrder.SHUFFLED, 6);
        assertNotEquals(a.lossHistory(), b.lossHistory());
        // in order, the seed is irrelevant
        Training.Result c = Training.run(start, new Sgd(Loss.L2, 0.1), data[0], data[1], 3, SampleOrder.SEQUENTIAL, 5);
        Training.Result d = Training.run(start, new Sgd(Loss.L2, 0.1), data[0], data[1], 3, SampleOrder.SEQUENTIAL, 6);
        assertEquals(c.lossHistory(), d.lossHistory());
    }

    @Test
    void trainingFollowsTheScheduleStepByStep() {
        // Training.run equals a hand-written loop of Sgd.step over a SampleSchedule with the same seed
        double[][][] data = regression();
        Network start = Network.initialise(List.of(3, 4, 2), Activation.TANH, Activation.IDENTITY, 3);
        Sgd sgd = new Sgd(Loss.L2, 0.05);
        Training.Result result = Training.run(start, sgd, data[0], data[1], 4, SampleOrder.SHUFFLED, 77);
        SampleSchedule schedule = new SampleSchedule(data[0].length, SampleOrder.SHUFFLED, 77);
        Network net = start;
        List<Double> history = new ArrayList<>();
        for (int e = 0; e < 4; e++) {
            for (int s = 0; s < data[0].length; s++) {
                int i = schedule.next();
                net = sgd.step(net, Vec.of(data[0][i]), Vec.of(data[1][i])).after();
            }
            history.add(sgd.meanLoss(net, data[0], data[1]));
        }
        assertEquals(net, result.network());
        assertEquals(history, result.lossHistory());
    }

    @Test
    void sequentialVisitsZeroToNMinusOne() {
        SampleSchedule s = new SampleSchedule(5, SampleOrder.SEQUENTIAL, 123);
        for (int epoch = 0; epoch < 3; epoch++) {
            assertEquals(epoch, s.epoch());
            for (int i = 0; i < 5; i++) {
                assertEquals(i, s.position());
                assertEquals(i, s.peek());
                assertEquals(i, s.next());
            }
        }
        assertEquals(3, s.epoch());
        assertEquals(0, s.position());
    }

    @Test
    void shuffledVisitsEachIndexOncePerEpochInADifferentOrder() {
        int n = 20;
        SampleSchedule s = new SampleSchedule(n, SampleOrder.SHUFFLED, 7);
        Set<List<Integer>> orders = new HashSet<>();
        for (int epoch = 0; epoch < 5; epoch++) {
            List<Integer> visited = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int peeked = s.peek();
                int index = s.next();
                assertEquals(peeked, index);
                visited.add(index);
            }
            assertEquals(epoch + 1, s.epoch());
            List<Integer> sorted = new ArrayList<>(visited);
            sorted.sort(null);
            for (int i = 0; i < n; i++) assertEquals(i, sorted.get(i), "epoch " + (epoch + 1) + ": " + visited);
            orders.add(visited);
        }
        // 5 epochs of 20 samples: the chance of any two equal orders is ≈ 10 / 20! ≈ 4e-18
        assertEquals(5, orders.size());
        // and the first epoch is not simply in order
        SampleSchedule fresh = new SampleSchedule(n, SampleOrder.SHUFFLED, 7);
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < n; i++) first.add(fresh.next());
        assertNotEquals(java.util.stream.IntStream.range(0, n).boxed().toList(), first);
    }

    @Test
    void theSameScheduleSeedGivesTheSameOrder() {
        SampleSchedule a = new SampleSchedule(12, SampleOrder.SHUFFLED, 1);
        SampleSchedule b = new SampleSchedule(12, SampleOrder.SHUFFLED, 1);
        SampleSchedule c = new SampleSchedule(12, SampleOrder.SHUFFLED, 2);
        List<Integer> la = new ArrayList<>();
        List<Integer> lb = new ArrayList<>();
        List<Integer> lc = new ArrayList<>();
        for (int i = 0; i < 36; i++) {
            la.add(a.next());
            lb.add(b.next());
            lc.add(c.next());
        }
        assertEquals(la, lb);
        assertNotEquals(la, lc);
    }

    @Test
    void aScheduleNeedsSamples() {
        assertThrows(IllegalArgumentException.class, () -> new SampleSchedule(0, SampleOrder.SEQUENTIAL, 1));
        SampleSchedule one = new SampleSchedule(1, SampleOrder.SHUFFLED, 1);
        assertEquals(0, one.next());
        assertEquals(1, one.epoch());
        assertEquals(0, one.next());
        assertEquals(2, one.epoch());
    }

    @Test
    void shufflesAreUniform() {
        // Fisher–Yates makes all 4! = 24 orders equally likely: in 24 000 epochs each is expected 1 000 times,
        // with a standard deviation of √(24 000 · 1/24 · 23/24) ≈ 31; ±200 is more than 6σ.
        // (A classic slip, nextInt(i) instead of nextInt(i + 1), only ever gives the 6 cyclic orders.)
        int n = 4;
        int epochs = 24_000;
        SampleSchedule s = new SampleSchedule(n, SampleOrder.SHUFFLED, 2024);
        java.util.Map<List<Integer>, Integer> counts = new java.util.HashMap<>();
        for (int e = 0; e < epochs; e++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < n; i++) order.add(s.next());
            counts.merge(order, 1, Integer::sum);
        }
        assertEquals(24, counts.size(), counts.toString());
        for (var entry : counts.entrySet()) {
            assertTrue(Math.abs(entry.getValue() - 1_000) <= 200, entry.toString());
        }
    }
}

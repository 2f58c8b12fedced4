package netstep.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks every ∂L/∂W, ∂L/∂b (and ∂L/∂x of the first layer) that {@link Sgd#step} records against central
 * finite differences (L(θ + h) − L(θ − h)) / 2h of the loss of perturbed networks, for every differentiable
 * activation × every differentiable loss on several random small networks, and checks the update
 * θ ← θ − η∇θ parameter by parameter.
 *
 * <p>Kinks (ReLU / leaky ReLU at a = 0, L1 at ŷ = y, hinge at y·ŷ = 1) are avoided by construction: a sample
 * is redrawn until every kinked quantity is at least {@link #KINK_MARGIN} from its kink, and a parameter
 * whose ±h perturbation still moves any kinked quantity across its kink is skipped and counted.
 */
class GradientCheckTest {
    static final double H = 1e-5;
    static final double TOLERANCE = 1e-6;
    /**
     * Absolute floor of the relative error's denominator, per unit of loss. The central difference has a
     * round-off error of about ε·L/h ≈ 2e-16 · L / 1e-5 = 2e-11 · L (a few times that after the sums of a
     * forward pass), so a gradient entry far below 1e-4 · L cannot be checked relatively; below the floor the
     * check becomes the absolute |analytic − numeric| < 1e-6 · 1e-4 · max(1, L) = 1e-10 · max(1, L).
     */
    static final double FLOOR = 1e-4;
    static final double KINK_MARGIN = 1e-3;
    static final double ETA = 0.05;

    static final List<int[]> SHAPES = List.of(new int[] {3, 4, 2}, new int[] {2, 3, 3, 1}, new int[] {1, 1},
            new int[] {4, 3, 2, 3});
    static final long[] SEEDS = {1, 2, 3};

    static List<Activation> differentiableActivations() {
        return List.of(Activation.IDENTITY, Activation.SIGMOID, Activation.TANH, Activation.RELU,
                Activation.leakyRelu(0.02), Activation.leakyRelu(0.3));
    }

    static Stream<Arguments> activationTimesLoss() {
        List<Arguments> out = new ArrayList<>();
        for (Activation a : differentiableActivations()) {
            for (Loss loss : List.of(Loss.L2, Loss.L1, Loss.HINGE)) {
                out.add(Arguments.of(a, loss));
            }
        }
        return out.stream();
    }

    /** |a − n| / max(|a| + |n|, 1e-4 · max(1, L)), L being the loss around the checked point. */
    static double relativeError(double analytic, double numeric, double loss) {
        return Math.abs(analytic - numeric)
                / Math.max(Math.abs(analytic) + Math.abs(numeric), FLOOR * Math.max(1, Math.abs(loss)));
    }

    // ---------------------------------------------------------------- an independent forward pass (plain doubles)

    /** Pre-activations a of every layer, computed with plain loops from the layer's public accessors. */
    static double[][] preActivations(Network net, double[] x) {
        double[][] as = new double[net.depth()][];
        double[] signal = x;
        for (int l = 0; l < net.depth(); l++) {
            Layer layer = net.layer(l);
            double[] a = new double[layer.outputs()];
            double[] f = new double[layer.outputs()];
            for (int j = 0; j < layer.outputs(); j++) {
                double sum = layer.bias(j);
                for (int i = 0; i < layer.inputs(); i++) sum += layer.weight(j, i) * signal[i];
                a[j] = sum;
                f[j] = layer.activation().apply(sum);
            }
            as[l] = a;
            signal = f;
        }
        return as;
    }

    /** L = Σ_k term(ŷ_k, y_k), with ŷ from {@link Network#predict}. */
    static double loss(Network net, Loss loss, double[] x, double[] y) {
        Vec yHat = net.predict(Vec.of(x));
        double total = 0;
        for (int k = 0; k < y.length; k++) total += loss.term(yHat.get(k), y[k]);
        return total;
    }

    /** The signed distances of every kinked quantity from its kink; a sign change means a kink was crossed. */
    static List<Double> kinks(Network net, Loss loss, double[] x, double[] y) {
        List<Double> out = new ArrayList<>();
        double[][] as = preActivations(net, x);
        for (int l = 0; l < net.depth(); l++) {
            Activation.Kind kind = net.layer(l).activation().kind();
            if (kind == Activation.Kind.RELU || kind == Activation.Kind.LEAKY_RELU) {
                for (double a : as[l]) out.add(a);
            }
        }
        Vec yHat = net.predict(Vec.of(x));
        for (int k = 0; k < y.length; k++) {
            if (loss == Loss.L1) out.add(yHat.get(k) - y[k]);
            if (loss == Loss.HINGE) out.add(1 - y[k] * yHat.get(k));
        }
        return out;
    }

    static boolean sameSides(List<Double> a, List<Double> b) {
        for (int i = 0; i < a.size(); i++) {
            if ((a.get(i) > 0) != (b.get(i) > 0)) return false;
        }
        return true;
    }

    static Network randomNetwork(int[] sizes, Activation hidden, Activation output, Random r) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l < sizes.length; l++) {
            double[][] w = new double[sizes[l]][sizes[l - 1]];
            double[] b = new double[sizes[l]];
            for (int j = 0; j < sizes[l]; j++) {
                for (int i = 0; i < sizes[l - 1]; i++) w[j][i] = r.nextGaussian();
                b[j] = 0.5 * r.nextGaussian();
            }
            layers.add(new Layer(w, b, l == sizes.length - 1 ? output : hidden));
        }
        return new Network(layers);
    }

    static double[] randomTarget(Loss loss, int n, Random r) {
        double[] y = new double[n];
        for (int k = 0; k < n; k++) y[k] = loss == Loss.HINGE ? (r.nextBoolean() ? 1 : -1) : r.nextGaussian();
        return y;
    }

    // ---------------------------------------------------------------- the checks

    static final class Tally {
        int checked;
        int skipped;
        int nonZero;
        double worst;
    }

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("activationTimesLoss")
    void backwardMatchesFiniteDifferences(Activation activation, Loss loss) {
        Tally tally = new Tally();
        List<Activation> outputs = activation.equals(Activation.IDENTITY)
                ? List.of(activation) : List.of(activation, Activation.IDENTITY);
        for (Activation output : outputs) {
            for (int[] shape : SHAPES) {
                for (long seed : SEEDS) {
                    checkOne(shape, activation, output, loss, seed, tally);
                }
            }
        }
        assertTrue(tally.skipped <= 0.1 * (tally.checked + tally.skipped),
                "too many parameters skipped near kinks: " + tally.skipped + " of " + (tally.checked + tally.skipped));
        assertTrue(tally.nonZero >= tally.checked / 5,
                "too few non-zero gradients to make the check meaningful: " + tally.nonZero + " of " + tally.checked);
    }

    private void checkOne(int[] shape, Activation hidden, Activation output, Loss loss, long seed, Tally tally) {
        Random r = new Random(seed * 1_000 + shape.length * 31L + shape[0]);
        Network net = randomNetwork(shape, hidden, output, r);
        double[] x = null;
        double[] y = null;
        for (int attempt = 0; attempt < 1_000 && x == null; attempt++) {
            double[] cx = new double[shape[0]];
            for (int i = 0; i < cx.length; i++) cx[i] = r.nextGaussian();
            double[] cy = randomTarget(loss, shape[shape.length - 1], r);
            if (kinks(net, loss, cx, cy).stream().allMatch(k -> Math.abs(k) >= KINK_MARGIN)) {
                x = cx;
                y = cy;
            }
        }
        if (x == null) fail("no sample away from the kinks");
        String where = java.util.Arrays.toString(shape) + " " + hidden.label() + "/" + output.label() + " "
                + loss.id + " seed " + seed;

        StepTrace trace = new Sgd(loss, ETA).step(net, Vec.of(x), Vec.of(y));
        assertFalse(trace.diverged(), where);
        assertEquals(loss(net, loss, x, y), trace.loss(), 1e-12 * Math.max(1, trace.loss()), where + ": loss");
        List<Double> base = kinks(net, loss, x, y);

        for (int l = 0; l < net.depth(); l++) {
            Layer layer = net.layer(l);
            StepTrace.LayerBackward back = trace.backward().get(l);
            Layer after = trace.after().layer(l);
            for (int j = 0; j < layer.outputs(); j++) {
                for (int i = 0; i < layer.inputs(); i++) {
                    double w = layer.weight(j, i);
                    Network plus = net.withWeight(l, j, i, w + H);
                    Network minus = net.withWeight(l, j, i, w - H);
                    double analytic = back.dL_dW().get(j, i);
                    compare(tally, where + " dL/dW" + (l + 1) + "[" + j + "][" + i + "]", analytic,
                            plus, minus, loss, x, y, base);
                    // the update: w_new = w − η ∂L/∂w
                    assertEquals(w - ETA * analytic, after.weight(j, i), 1e-14 * Math.max(1, Math.abs(w)),
                            where + " update of W" + (l + 1) + "[" + j + "][" + i + "]");
                }
                double b = layer.bias(j);
                double analytic = back.dL_db().get(j);
                compare(tally, where + " dL/db" + (l + 1) + "[" + j + "]", analytic,
                        net.withBias(l, j, b + H), net.withBias(l, j, b - H), loss, x, y, base);
                assertEquals(b - ETA * analytic, after.bias(j), 1e-14 * Math.max(1, Math.abs(b)),
                        where + " update of b" + (l + 1) + "[" + j + "]");
            }
            // chain-rule bookkeeping: ∂L/∂a = ∂L/∂f ⊙ ∂f/∂a, ∂L/∂b = ∂L/∂a, ∂L/∂x of layer l is ∂L/∂f of layer l−1
            for (int j = 0; j < layer.outputs(); j++) {
                assertEquals(back.dL_df().get(j) * back.df_da().get(j), back.dL_da().get(j), 1e-15, where);
                assertEquals(back.dL_da().get(j), back.dL_db().get(j), 0.0, where);
            }
            if (l > 0) {
                assertEquals(trace.backward().get(l - 1).dL_df(), back.dL_dx(), where + " dL/dx of layer " + (l + 1));
            }
        }

        // ∂L/∂x of the first layer against finite differences in the input
        Vec dL_dx = trace.backward().get(0).dL_dx();
        for (int i = 0; i < x.length; i++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += H;
            xm[i] -= H;
            if (!sameSides(base, kinks(net, loss, xp, y)) || !sameSides(base, kinks(net, loss, xm, y))) continue;
            double numeric = (loss(net, loss, xp, y) - loss(net, loss, xm, y)) / (2 * H);
            double err = relativeError(dL_dx.get(i), numeric, trace.loss());
            assertTrue(err < TOLERANCE, where + " dL/dx[" + i + "]: analytic " + dL_dx.get(i) + " numeric " + numeric);
        }
    }

    /** Wide layers, whose ∂L/∂x = Wᵀ ∂L/∂a is summed four columns at a time (67 leaves a remainder of three). */
    @ParameterizedTest(name = "{0} × L2, wide")
    @MethodSource("differentiableActivations")
    void wideLayersMatchFiniteDifferences(Activation activation) {
        Tally tally = new Tally();
        for (long seed : SEEDS) {
            checkOne(new int[] {3, 67, 64, 2}, activation, Activation.IDENTITY, Loss.L2, seed, tally);
        }
        assertTrue(tally.skipped <= 0.1 * (tally.checked + tally.skipped), "skipped " + tally.skipped);
    }

    @Test
    void wideLayersGiveTheNumbersOfPlainLoopsBitForBit() {
        // the step's sums run in index order, however they are laid out, so its numbers do not depend on the width
        Random r = new Random(4);
        Network net = randomNetwork(new int[] {5, 130, 67, 3}, Activation.TANH, Activation.IDENTITY, r);
        double[] x = {0.3, -1.2, 0.8, 0.05, -0.4};
        StepTrace trace = new Sgd(Loss.L2, ETA).step(net, Vec.of(x), Vec.of(1, -1, 0.5));
        for (int l = 0; l < net.depth(); l++) {
            Layer layer = net.layer(l);
            StepTrace.LayerBackward back = trace.backward().get(l);
            double[] input = trace.forward().get(l).input().toArray();
            for (int i = 0; i < layer.inputs(); i++) {
                double sum = 0;
                for (int j = 0; j < layer.outputs(); j++) sum += layer.weight(j, i) * back.dL_da().get(j);
                assertEquals(sum, back.dL_dx().get(i), 0.0, "dL/dx" + (l + 1) + "[" + i + "]");
            }
            for (int j = 0; j < layer.outputs(); j++) {
                double a = 0;
                for (int i = 0; i < layer.inputs(); i++) {
                    a += layer.weight(j, i) * input[i];
                    double gradient = back.dL_da().get(j) * input[i];
                    assertEquals(gradient, back.dL_dW().get(j, i), 0.0);
                    assertEquals(layer.weight(j, i) - gradient * ETA, trace.after().layer(l).weight(j, i), 0.0);
                }
                assertEquals(a + layer.bias(j), trace.forward().get(l).a().get(j), 0.0, "a" + (l + 1) + "[" + j + "]");
            }
        }
    }

    private static void compare(Tally tally, String what, double analytic, Network plus, Network minus, Loss loss,
                                double[] x, double[] y, List<Double> base) {
        if (!sameSides(base, kinks(plus, loss, x, y)) || !sameSides(base, kinks(minus, loss, x, y))) {
            tally.skipped++;
            return;
        }
        double lossPlus = loss(plus, loss, x, y);
        double lossMinus = loss(minus, loss, x, y);
        double numeric = (lossPlus - lossMinus) / (2 * H);
        double err = relativeError(analytic, numeric, (lossPlus + lossMinus) / 2);
        tally.worst = Math.max(tally.worst, err);
        tally.checked++;
        if (Math.abs(analytic) > 1e-6) tally.nonZero++;
        assertTrue(err < TOLERANCE, what + ": analytic " + analytic + " numeric " + numeric + " relative error " + err);
    }

    // ---------------------------------------------------------------- biases frozen

    @ParameterizedTest(name = "{0} × {1}")
    @MethodSource("activationTimesLoss")
    void withoutBiasTrainingOnlyTheWeightsMove(Activation activation, Loss loss) {
        Random r = new Random(99);
        Network net = randomNetwork(new int[] {3, 4, 2}, activation, Activation.IDENTITY, r);
        double[] x = {0.7, -1.2, 0.4};
        double[] y = randomTarget(loss, 2, r);
        StepTrace trained = new Sgd(loss, ETA, true).step(net, Vec.of(x), Vec.of(y));
        StepTrace frozen = new Sgd(loss, ETA, false).step(net, Vec.of(x), Vec.of(y));
        assertTrue(trained.biasesTrained());
        assertFalse(frozen.biasesTrained());
        for (int l = 0; l < net.depth(); l++) {
            // biases exactly as before
            assertEquals(net.layer(l).biases(), frozen.after().layer(l).biases());
            // weights get the same update as with bias training (the gradient does not depend on it)
            assertEquals(trained.after().layer(l).weights(), frozen.after().layer(l).weights());
            assertEquals(trained.backward().get(l).dL_db(), frozen.backward().get(l).dL_db());
        }
        // and with bias training some bias did move (otherwise the comparison above proves nothing)
        boolean moved = false;
        for (int l = 0; l < net.depth(); l++) {
            moved |= !net.layer(l).biases().equals(trained.after().layer(l).biases());
        }
        assertTrue(moved, "with trainBiases = true at least one bias should change");
    }

    @Test
    void theStepDoesNotModifyTheNetworkItWasGiven() {
        Random r = new Random(5);
        Network net = randomNetwork(new int[] {2, 3, 1}, Activation.TANH, Activation.IDENTITY, r);
        Network copy = new Network(net.layers());
        List<Mat> weightsBefore = net.layers().stream().map(Layer::weights).toList();
        StepTrace trace = new Sgd(Loss.L2, 0.5).step(net, Vec.of(1, 2), Vec.of(3));
        assertEquals(copy, net);
        assertEquals(weightsBefore, net.layers().stream().map(Layer::weights).toList());
        assertEquals(net, trace.before());
        assertFalse(net.equals(trace.after()));
    }
}

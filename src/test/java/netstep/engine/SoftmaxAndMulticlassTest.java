package netstep.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Softmax, cross-entropy and multi-class hinge: a 3-class example worked by hand, the Jacobian, and central
 * finite differences for every gradient the step records.
 */
class SoftmaxAndMulticlassTest {
    static final double H = 1e-5;
    static final double TOLERANCE = 1e-6;

    /**
     * x = (1, 1), W = [[.5, .5], [1, 1], [1.5, 1.5]], b = 0, so a = (1, 2, 3); true class 2 of 3, y = (0, 1, 0).
     * By hand: e¹ = 2.718281828, e² = 7.389056099, e³ = 20.085536923, Σ = 30.192874851;
     * ŷ = (0.090030573, 0.244728471, 0.665240956); L = −log 0.244728471 = 1.407605964;
     * ∂L/∂ŷ = (0, −1/0.244728471, 0) = (0, −4.086161270, 0);
     * J = diag(ŷ) − ŷŷᵀ: diagonal ŷₖ(1 − ŷₖ) = (0.081925069, 0.184836447, 0.222695427),
     * J₁₂ = −ŷ₁ŷ₂ = −0.022033045, J₁₃ = −0.059892025, J₂₃ = −0.162803402;
     * ∂L/∂a = Jᵀ ∂L/∂ŷ = ŷ − y = (0.090030573, −0.755271529, 0.665240956);
     * with η = 0.1: W₁₁ = 0.5 − 0.1 · 0.090030573 = 0.490996943, W₂₁ = 1.075527153, W₃₁ = 1.433475904.
     */
    @Test
    void threeClassSoftmaxCrossEntropyByHand() {
        Network net = new Network(List.of(new Layer(new double[][] {{.5, .5}, {1, 1}, {1.5, 1.5}},
                new double[] {0, 0, 0}, Activation.SOFTMAX)));
        StepTrace t = new Sgd(Loss.CROSS_ENTROPY, 0.1).step(net, Vec.of(1, 1), Vec.of(0, 1, 0));
        double e = 1e-9;
        assertVec(new double[] {1, 2, 3}, t.forward().get(0).a(), e);
        assertVec(new double[] {0.090030573, 0.244728471, 0.665240956}, t.prediction(), e);
        assertEquals(1.407605964, t.loss(), e);
        assertVec(new double[] {0, 1.407605964, 0}, t.lossTerms(), e);
        StepTrace.LayerBackward b = t.backward().get(0);
        assertVec(new double[] {0, -4.086161270, 0}, b.dL_df(), e);
        assertVec(new double[] {0.081925069, 0.184836447, 0.222695427}, b.df_da(), e);
        assertEquals(-0.022033045, b.jacobian().get(0, 1), e);
        assertEquals(-0.059892025, b.jacobian().get(0, 2), e);
        assertEquals(-0.162803402, b.jacobian().get(1, 2), e);
        assertEquals(b.jacobian().get(1, 2), b.jacobian().get(2, 1), 0.0, "J is symmetric");
        assertVec(new double[] {0.090030573, -0.755271529, 0.665240956}, b.dL_da(), e);
        assertEquals(0.090030573, b.dL_dW().get(0, 1), e);
        assertEquals(0.490996943, t.after().layer(0).weight(0, 0), e);
        assertEquals(1.075527153, t.after().layer(0).weight(1, 0), e);
        assertEquals(1.433475904, t.after().layer(0).weight(2, 0), e);
    }

    @Test
    void softmaxWithCrossEntropyGivesYHatMinusY() {
        Random r = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            Network net = randomNetwork(new int[] {3, 5, 4}, Activation.TANH, Activation.SOFTMAX, null, r);
            double[] y = probabilities(4, r, trial % 2 == 0);
            StepTrace t = new Sgd(Loss.CROSS_ENTROPY, 0.1).step(net, Vec.of(gaussians(3, r)), Vec.of(y));
            StepTrace.LayerBackward last = t.backward().get(1);
            for (int k = 0; k < 4; k++) {
                assertEquals(t.prediction().get(k) - y[k], last.dL_da().get(k), 1e-14, "∂L/∂a = ŷ − y");
            }
            assertNull(t.backward().get(0).jacobian(), "tanh's Jacobian is diagonal: not recorded");
        }
    }

    @Test
    void softmaxIsStableForLargeScores() {
        double[] f = Activation.softmax(new double[] {1000, 1001, 1002});
        assertEquals(0.665240956, f[2], 1e-9);
        assertEquals(1, f[0] + f[1] + f[2], 1e-15);
        // ŷ₁ underflows to 0, yet the loss comes from log softmax: exactly the 800 of the score gap
        Network net = new Network(List.of(new Layer(new double[][] {{0}, {800}}, new double[] {0, 0}, Activation.SOFTMAX)));
        StepTrace t = new Sgd(Loss.CROSS_ENTROPY, 0.1).step(net, Vec.of(1), Vec.of(1, 0));
        assertEquals(0, t.prediction().get(0), 0.0);
        assertEquals(800, t.loss(), 1e-9);
    }

    @Test
    void multiclassHingeTermsAndGradientByHand() {
        // c = 1: margins ŷ₀ − ŷ₁ + 1 = 0.5 − 2 + 1 = −0.5 → 0; ŷ₂ − ŷ₁ + 1 = 1.7 − 2 + 1 = 0.7; ŷ₃: 3 − 2 + 1 = 2
        double[] yHat = {0.5, 2, 1.7, 3};
        double[] y = {0, 1, 0, 0};
        double[] terms = Loss.MULTICLASS_HINGE.terms(yHat, y);
        assertEquals(0, terms[0], 0.0);
        assertEquals(0, terms[1], 0.0);
        assertEquals(0.7, terms[2], 1e-15);
        assertEquals(2, terms[3], 0.0);
        assertEquals(2.7, Loss.MULTICLASS_HINGE.total(yHat, y), 1e-15);
        double[] g = Loss.MULTICLASS_HINGE.gradient(yHat, y);
        assertEquals(List.of(0.0, -2.0, 1.0, 1.0), List.of(g[0], g[1], g[2], g[3]));
    }

    @Test
    void aMarginOfExactlyZeroCountsZero() {
        double[] yHat = {1, 2, 1};
        double[] y = {0, 1, 0};
        // ŷ₀ − ŷ₁ + 1 = 0 exactly
        assertEquals(0, Loss.MULTICLASS_HINGE.total(yHat, y), 0.0);
        for (double g : Loss.MULTICLASS_HINGE.gradient(yHat, y)) assertEquals(0, g, 0.0);
    }

    @Test
    void targetsEachLossAccepts() {
        assertTrue(Loss.CROSS_ENTROPY.problemWithTarget(new double[] {0.2, 0.3, 0.5}).isEmpty());
        assertTrue(Loss.CROSS_ENTROPY.problemWithTarget(new double[] {0.2, 0.3, 0.6}).get().contains("sum to 1"));
        assertTrue(Loss.CROSS_ENTROPY.problemWithTarget(new double[] {-0.2, 0.6, 0.6}).get().contains("[0, 1]"));
        assertTrue(Loss.MULTICLASS_HINGE.problemWithTarget(new double[] {0, 1, 0}).isEmpty());
        assertTrue(Loss.MULTICLASS_HINGE.problemWithTarget(new double[] {0.5, 0.5, 0}).get().contains("one-hot"));
        assertTrue(Loss.MULTICLASS_HINGE.problemWithTarget(new double[] {1, 1, 0}).get().contains("one-hot"));
        assertTrue(Loss.L2.problemWithTarget(new double[] {7, -3}).isEmpty());
        Network net = new Network(List.of(new Layer(new double[][] {{1}, {2}}, new double[] {0, 0}, Activation.SOFTMAX)));
        assertThrows(IllegalArgumentException.class,
                () -> new Sgd(Loss.CROSS_ENTROPY, 0.1).step(net, Vec.of(1), Vec.of(0.5, 0.6)));
    }

    @Test
    void softmaxIsAllowedOnTheLastLayerOnly() {
        Layer hidden = new Layer(new double[][] {{1}, {2}}, new double[] {0, 0}, Activation.SOFTMAX);
        Layer out = new Layer(new double[][] {{1, 1}}, new double[] {0}, Activation.IDENTITY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Network(List.of(hidden, out)));
        assertTrue(e.getMessage().contains("last layer only"), e.getMessage());
    }

    @Test
    void batchedSoftmaxAndMeanLossMatchTheStep() {
        Random r = new Random(3);
        Network net = randomNetwork(new int[] {4, 6, 5}, Activation.SIGMOID, Activation.SOFTMAX, null, r);
        double[][] xs = new double[300][];
        double[][] ys = new double[300][];
        double sum = 0;
        for (int s = 0; s < xs.length; s++) {
            xs[s] = gaussians(4, r);
            ys[s] = new double[5];
            ys[s][r.nextInt(5)] = 1;
        }
        double[][] batch = net.predictBatch(xs);
        for (Loss loss : List.of(Loss.CROSS_ENTROPY, Loss.MULTICLASS_HINGE)) {
            sum = 0;
            for (int s = 0; s < xs.length; s++) {
                StepTrace t = new Sgd(loss, 0.1).step(net, Vec.of(xs[s]), Vec.of(ys[s]));
                sum += t.loss();
                for (int k = 0; k < 5; k++) assertEquals(t.prediction().get(k), batch[s][k], 1e-15);
            }
            assertEquals(sum / xs.length, Sgd.meanLoss(loss, net, xs, ys), 1e-12, loss.id);
        }
    }

    // ---------------------------------------------------------------- finite differences

    @Test
    void softmaxCrossEntropyMatchesFiniteDifferences() {
        Random r = new Random(11);
        int checked = 0;
        for (int[] shape : List.of(new int[] {3, 4}, new int[] {2, 5, 3}, new int[] {4, 3, 3, 6})) {
            for (Activation hidden : List.of(Activation.TANH, Activation.SIGMOID, Activation.IDENTITY)) {
                Network net = randomNetwork(shape, hidden, Activation.SOFTMAX, null, r);
                double[] y = probabilities(shape[shape.length - 1], r, r.nextBoolean());
                checked += check(net, Loss.CROSS_ENTROPY, gaussians(shape[0], r), y);
            }
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    @Test
    void multiclassHingeMatchesFiniteDifferences() {
        Random r = new Random(12);
        int checked = 0;
        for (int[] shape : List.of(new int[] {3, 4}, new int[] {2, 5, 3}, new int[] {4, 3, 3, 6})) {
            for (Activation output : List.of(Activation.IDENTITY, Activation.SOFTMAX)) {
                Network net = randomNetwork(shape, Activation.TANH, output, null, r);
                int classes = shape[shape.length - 1];
                // redraw until no margin sits within 1e-3 of its kink, so ±h cannot cross one
                for (int attempt = 0; attempt < 1000; attempt++) {
                    double[] x = gaussians(shape[0], r);
                    double[] y = new double[classes];
                    int c = r.nextInt(classes);
                    y[c] = 1;
                    double[] yHat = net.predict(Vec.of(x)).toArray();
                    boolean clear = true;
                    int positive = 0;
                    for (int j = 0; j < classes; j++) {
                        double margin = yHat[j] - yHat[c] + 1;
                        if (j != c && Math.abs(margin) < 1e-3) clear = false;
                        if (j != c && margin > 0) positive++;
                    }
                    if (clear && positive > 0) {
                        checked += check(net, Loss.MULTICLASS_HINGE, x, y);
                        break;
                    }
                }
            }
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    @Test
    void maskedLayersMatchFiniteDifferencesAndMaskedGradientsAreExactlyZero() {
        Random r = new Random(13);
        // a 4×4 image, 2×2 windows with stride 1: 9 neurons each seeing 4 of the 16 pixels
        double[][] mask = Masks.window(4, 4, 2, 1);
        int checked = 0;
        for (Loss loss : List.of(Loss.CROSS_ENTROPY, Loss.L2)) {
            for (Activation hidden : List.of(Activation.TANH, Activation.SIGMOID)) {
                Activation output = loss == Loss.CROSS_ENTROPY ? Activation.SOFTMAX : Activation.IDENTITY;
                Network net = randomNetwork(new int[] {16, 9, 3}, hidden, output, mask, r);
                double[] y = loss == Loss.CROSS_ENTROPY ? probabilities(3, r, true) : gaussians(3, r);
                double[] x = gaussians(16, r);
                checked += check(net, loss, x, y);
                StepTrace t = new Sgd(loss, 0.1).step(net, Vec.of(x), Vec.of(y));
                int zeros = 0;
                for (int j = 0; j < 9; j++) {
                    for (int i = 0; i < 16; i++) {
                        if (mask[j][i] == 0) {
                            assertEquals(0.0, t.backward().get(0).dL_dW().get(j, i), 0.0);
                            assertEquals(0.0, t.after().layer(0).weight(j, i), 0.0);
                            zeros++;
                        }
                    }
                }
                assertEquals(9 * 12, zeros);
            }
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    /** Checks every ∂L/∂W, ∂L/∂b and the first ∂L/∂x against central differences; returns how many it checked. */
    private static int check(Network net, Loss loss, double[] x, double[] y) {
        StepTrace t = new Sgd(loss, 0.05).step(net, Vec.of(x), Vec.of(y));
        assertFalse(t.diverged());
        assertEquals(loss.total(net.predict(Vec.of(x)).toArray(), y), t.loss(), 1e-12 * Math.max(1, t.loss()));
        double sumOfTerms = 0;
        for (int k = 0; k < y.length; k++) sumOfTerms += t.lossTerms().get(k);
        assertEquals(t.loss(), sumOfTerms, 1e-15 * Math.max(1, t.loss()), "the terms sum to L");
        int checked = 0;
        for (int l = 0; l < net.depth(); l++) {
            Layer layer = net.layer(l);
            StepTrace.LayerBackward back = t.backward().get(l);
            for (int j = 0; j < layer.outputs(); j++) {
                for (int i = 0; i < layer.inputs(); i++) {
                    if (!layer.connected(j, i)) {
                        assertEquals(0.0, back.dL_dW().get(j, i), 0.0, "masked ∂L/∂W");
                        continue;
                    }
                    double w = layer.weight(j, i);
                    compare(back.dL_dW().get(j, i), net.withWeight(l, j, i, w + H), net.withWeight(l, j, i, w - H),
                            loss, x, y, t.loss(), "dL/dW" + (l + 1) + "[" + j + "][" + i + "]");
                    checked++;
                }
                double b = layer.bias(j);
                compare(back.dL_db().get(j), net.withBias(l, j, b + H), net.withBias(l, j, b - H), loss, x, y,
                        t.loss(), "dL/db" + (l + 1) + "[" + j + "]");
                checked++;
            }
        }
        for (int i = 0; i < x.length; i++) {
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[i] += H;
            xm[i] -= H;
            double numeric = (lossAt(net, loss, xp, y) - lossAt(net, loss, xm, y)) / (2 * H);
            assertClose(t.backward().get(0).dL_dx().get(i), numeric, t.loss(), "dL/dx[" + i + "]");
            checked++;
        }
        return checked;
    }

    private static void compare(double analytic, Network plus, Network minus, Loss loss, double[] x, double[] y,
                                double at, String what) {
        double numeric = (lossAt(plus, loss, x, y) - lossAt(minus, loss, x, y)) / (2 * H);
        assertClose(analytic, numeric, at, what);
    }

    private static void assertClose(double analytic, double numeric, double loss, String what) {
        double err = Math.abs(analytic - numeric)
                / Math.max(Math.abs(analytic) + Math.abs(numeric), 1e-4 * Math.max(1, Math.abs(loss)));
        assertTrue(err < TOLERANCE, what + ": analytic " + analytic + " numeric " + numeric);
    }

    private static double lossAt(Network net, Loss loss, double[] x, double[] y) {
        return loss.total(net.predict(Vec.of(x)).toArray(), y);
    }

    // ---------------------------------------------------------------- helpers

    static Network randomNetwork(int[] sizes, Activation hidden, Activation output, double[][] firstMask, Random r) {
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l < sizes.length; l++) {
            double[][] w = new double[sizes[l]][sizes[l - 1]];
            double[] b = new double[sizes[l]];
            for (int j = 0; j < sizes[l]; j++) {
                for (int i = 0; i < sizes[l - 1]; i++) w[j][i] = r.nextGaussian();
                b[j] = 0.5 * r.nextGaussian();
            }
            Activation f = l == sizes.length - 1 ? output : hidden;
            layers.add(l == 1 && firstMask != null ? new Layer(Masks.apply(w, firstMask), b, f, firstMask)
                    : new Layer(w, b, f));
        }
        return new Network(layers);
    }

    static double[] gaussians(int n, Random r) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }

    /** A one-hot vector, or a soft probability vector. */
    static double[] probabilities(int n, Random r, boolean soft) {
        double[] p = new double[n];
        if (!soft) {
            p[r.nextInt(n)] = 1;
            return p;
        }
        double sum = 0;
        for (int i = 0; i < n; i++) sum += p[i] = 0.1 + r.nextDouble();
        for (int i = 0; i < n; i++) p[i] /= sum;
        return p;
    }

    static void assertVec(double[] expected, Vec actual, double tolerance) {
        assertEquals(expected.length, actual.size());
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual.get(i), tolerance, "entry " + i);
    }
}

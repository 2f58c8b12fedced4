package netstep.engine;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Matt Mazur's "A Step by Step Backpropagation Example": a 2-2-2 network, sigmoid in both layers, loss
 * E = Σ ½(target − out)², η = 0.5. His published numbers (rounded to 8–9 decimals) are the oracle.
 * His w1..w4 are input→hidden, w5..w8 hidden→output; our W[j][i] is the weight from input i to neuron j:
 * W1 = [[w1, w2], [w3, w4]] = [[.15, .20], [.25, .30]], W2 = [[w5, w6], [w7, w8]] = [[.40, .45], [.50, .55]].
 * He uses one bias per layer (b1 = .35, b2 = .60) and does not update it; we have one per neuron (both equal)
 * and update them, which changes nothing in this step's new weights.
 */
class HandWorked222Test {
    static final double TOL = 1e-8;
    static StepTrace trace;

    @BeforeAll
    static void step() {
        Network net = new Network(List.of(
                new Layer(new double[][] {{.15, .20}, {.25, .30}}, new double[] {.35, .35}, Activation.SIGMOID),
                new Layer(new double[][] {{.40, .45}, {.50, .55}}, new double[] {.60, .60}, Activation.SIGMOID)));
        trace = new Sgd(Loss.L2, 0.5).step(net, Vec.of(0.05, 0.10), Vec.of(0.01, 0.99));
    }

    @Test
    void forwardPass() {
        StepTrace.LayerForward hidden = trace.forward().get(0);
        // net_h1 = w1·i1 + w2·i2 + b1 = .15·.05 + .20·.10 + .35 = .0075 + .02 + .35 = .3775
        assertEquals(0.3775, hidden.a().get(0), 1e-15);
        // net_h2 = .25·.05 + .30·.10 + .35 = .0125 + .03 + .35 = .3925
        assertEquals(0.3925, hidden.a().get(1), 1e-15);
        // out_h1 = 1 / (1 + e^−.3775) = 0.593269992, out_h2 = 0.596884378
        assertEquals(0.593269992, hidden.f().get(0), TOL);
        assertEquals(0.596884378, hidden.f().get(1), TOL);

        StepTrace.LayerForward output = trace.forward().get(1);
        // net_o1 = w5·out_h1 + w6·out_h2 + b2 = .40·0.593269992 + .45·0.596884378 + .60 = 1.105905967
        assertEquals(1.105905967, output.a().get(0), TOL);
        assertEquals(hidden.f(), output.input());
        // out_o1 = σ(1.105905967) = 0.75136507, out_o2 = 0.772928465
        assertEquals(0.75136507, output.f().get(0), TOL);
        assertEquals(0.772928465, output.f().get(1), TOL);
    }

    @Test
    void loss() {
        // E_o1 = ½(.01 − .75136507)² = 0.274811083, E_o2 = ½(.99 − .772928465)² = 0.023560026
        assertEquals(0.274811083, trace.lossTerms().get(0), TOL);
        assertEquals(0.023560026, trace.lossTerms().get(1), TOL);
        // E_total = 0.274811083 + 0.023560026 = 0.298371109
        assertEquals(0.298371109, trace.loss(), TOL);
    }

    @Test
    void outputLayerBackward() {
        StepTrace.LayerBackward back = trace.backward().get(1);
        // ∂E/∂out_o1 = out_o1 − target_o1 = 0.75136507 − 0.01 = 0.74136507
        assertEquals(0.74136507, back.dL_df().get(0), TOL);
        // ∂out_o1/∂net_o1 = out_o1(1 − out_o1) = 0.75136507 · 0.24863493 = 0.186815602
        assertEquals(0.186815602, back.df_da().get(0), TOL);
        // ∂E/∂w5 = 0.74136507 · 0.186815602 · out_h1 (0.593269992) = 0.082167041
        assertEquals(0.082167041, back.dL_dW().get(0, 0), TOL);
        // ∂E/∂b2 for o1 = δ_o1 = 0.74136507 · 0.186815602 = 0.138498562
        assertEquals(0.138498562, back.dL_db().get(0), TOL);
        // ∂E/∂out_h1 = w5·δ_o1 + w7·δ_o2 = 0.055399425 + (−0.019049119) = 0.036350306
        assertEquals(0.036350306, back.dL_dx().get(0), TOL);
    }

    @Test
    void hiddenLayerBackward() {
        StepTrace.LayerBackward back = trace.backward().get(0);
        // ∂out_h1/∂net_h1 = out_h1(1 − out_h1) = 0.593269992 · 0.406730008 = 0.241300709
        assertEquals(0.241300709, back.df_da().get(0), TOL);
        // ∂E/∂w1 = 0.036350306 · 0.241300709 · i1 (0.05) = 0.000438568
        assertEquals(0.000438568, back.dL_dW().get(0, 0), TOL);
    }

    @Test
    void newOutputWeights() {
        Layer w2 = trace.after().layer(1);
        // w5+ = w5 − η ∂E/∂w5 = 0.4 − 0.5 · 0.082167041 = 0.35891648
        assertEquals(0.35891648, w2.weight(0, 0), TOL);
        // w6+ = 0.408666186, w7+ = 0.511301270, w8+ = 0.561370121
        assertEquals(0.408666186, w2.weight(0, 1), TOL);
        assertEquals(0.511301270, w2.weight(1, 0), TOL);
        assertEquals(0.561370121, w2.weight(1, 1), TOL);
    }

    @Test
    void newHiddenWeights() {
        Layer w1 = trace.after().layer(0);
        // w1+ = w1 − η ∂E/∂w1 = 0.15 − 0.5 · 0.000438568 = 0.149780716
        assertEquals(0.149780716, w1.weight(0, 0), TOL);
        // w2+ = 0.19956143, w3+ = 0.24975114, w4+ = 0.29950229
        assertEquals(0.19956143, w1.weight(0, 1), TOL);
        assertEquals(0.24975114, w1.weight(1, 0), TOL);
        assertEquals(0.29950229, w1.weight(1, 1), TOL);
    }

    @Test
    void newBiases() {
        // not in Mazur's article (he keeps the biases); worked from his numbers:
        // b_o1+ = .60 − .5 · δ_o1 = .60 − .5 · 0.138498562 = 0.530750719
        // δ_o2 = (0.772928465 − .99) · 0.772928465 · 0.227071535 = −0.217071535 · 0.175510180 = −0.038098237
        // b_o2+ = .60 + .5 · 0.038098237 = 0.619049118
        Layer out = trace.after().layer(1);
        assertEquals(0.530750719, out.bias(0), TOL);
        assertEquals(0.619049118, out.bias(1), TOL);
        // δ_h1 = ∂E/∂out_h1 · out_h1(1 − out_h1) = 0.036350306 · 0.241300709 = 0.008771355
        // b_h1+ = .35 − .5 · 0.008771355 = 0.345614323  (and ∂E/∂w1 = δ_h1 · i1 = 0.008771355 · .05 ✓)
        Layer hidden = trace.after().layer(0);
        assertEquals(0.345614323, hidden.bias(0), TOL);
    }
}

package netstep.bench;

import netstep.engine.Loss;
import netstep.engine.Network;
import netstep.engine.Sgd;
import netstep.engine.StepTrace;
import netstep.engine.Vec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The benchmarks' baseline must do the engine's math, or comparing with it means nothing. */
class PlainSgdTest {
    @Test
    void plainLoopsComputeTheEnginesStep() {
        for (String name : new String[] {BenchNetworks.SMALL, BenchNetworks.LECTURE, "2-32-32-1 tanh"}) {
            Network network = BenchNetworks.network(name);
            double[] x = BenchNetworks.inputs(1, network.inputs(), 3)[0];
            double[] y = new double[network.outputs()];
            y[0] = 1;
            StepTrace trace = new Sgd(Loss.L2, 0.3).step(network, Vec.of(x), Vec.of(y));
            PlainSgd.Step plain = new PlainSgd(Loss.L2, 0.3).step(PlainSgd.copyOf(network), x, y);

            assertEquals(trace.loss(), plain.loss(), 1e-12, name);
            for (int l = 0; l < network.depth(); l++) {
                StepTrace.LayerBackward backward = trace.backward().get(l);
                assertArrayEquals(trace.forward().get(l).a().toArray(), plain.layers()[l].a(), 1e-12, name);
                assertArrayEquals(backward.dL_dx().toArray(), plain.layers()[l].dL_dx(), 1e-12, name);
                for (int j = 0; j < network.layer(l).outputs(); j++) {
                    assertArrayEquals(backward.dL_dW().toArray()[j], plain.layers()[l].dL_dW()[j], 1e-12, name);
                    assertArrayEquals(trace.after().layer(l).weights().toArray()[j], plain.after()[l].w()[j], 1e-12, name);
                    assertEquals(trace.after().layer(l).bias(j), plain.after()[l].b()[j], 1e-12, name);
                }
            }
        }
    }
}

package netstep.experiment;

import netstep.data.Dataset;
import netstep.data.InputFeature;
import netstep.engine.Activation;
import netstep.engine.Layer;
import netstep.engine.Network;
import netstep.engine.Surface;
import netstep.engine.Vec;
import netstep.json.LessonParser;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With input features of 2-D data the pictures stay in the points' own plane (x₁, x₂): each point of the grid is fed
 * as its features (issue 14), so a single layer on x₁², x₂² draws a circle there.
 */
class FeaturePicturesTest {
    private static Config squares() {
        return LessonParser.library(null).lesson("12-features-vs-hidden-layers").orElseThrow().variants().get(1).config();
    }

    @Test
    void aSingleLayerOnTheSquaresDrawsACircleOverThePointsThemselves() {
        Config c = squares();
        // the lesson's hand-picked layer: ŷ = σ(10 − 10x₁² − 10x₂²), above 0.5 inside the unit circle
        Network separator = new Network(List.of(new Layer(new double[][] {{-10, -10}}, new double[] {10},
                Activation.SIGMOID)));
        Pictures.Map2D map = assertInstanceOf(Pictures.Map2D.class, Pictures.of(separator, c.dataset(), c.data()));
        assertEquals(List.of(InputFeature.X1_SQUARED, InputFeature.X2_SQUARED), map.features());
        Dataset raw = c.data().raw().dataset();
        assertEquals(raw.xs().get(3)[0], map.dataset().xs().get(3)[0], 0.0, "the samples drawn are the points");
        Surface s = map.surface();
        assertTrue(s.x1Min() < -0.5 && s.x2Min() < -0.5, "the raw plane, not the squares' (which are never negative)");
        int inside = 0;
        int outside = 0;
        for (int row = 0; row < s.resolution(); row++) {
            for (int col = 0; col < s.resolution(); col++) {
                double[] p = s.point(row, col);
                double r2 = p[0] * p[0] + p[1] * p[1];
                double byHand = 1 / (1 + Math.exp(-(10 - 10 * p[0] * p[0] - 10 * p[1] * p[1])));
                assertEquals(byHand, s.output()[0][row][col], 1e-12, "at " + p[0] + ", " + p[1]);
                if (Math.abs(r2 - 1) > 0.05) {
                    assertEquals(r2 < 1, s.output()[0][row][col] > 0.5, "a circle of radius 1");
                    if (r2 < 1) inside++; else outside++;
                }
            }
        }
        assertTrue(inside > 100 && outside > 100, inside + " cells inside, " + outside + " outside");
        // without knowing the features it would be drawn over the squares' plane, where the boundary is a line
        Pictures.Map2D overFeatures = (Pictures.Map2D) Pictures.of(separator, c.dataset());
        assertTrue(overFeatures.surface().x1Min() > -0.5 && overFeatures.features().isEmpty());
    }

    @Test
    void threeFeaturesStillHaveAPlaneAndHiddenNeuronsArePicturedOnIt() {
        Config c = BatchSteppingTest.config(ConfigForm.FEATURES, "x1sq,x2sq,x1x2");
        Experiment e = new Experiment(c);
        Network network = e.network();
        assertEquals(3, network.inputs());
        assertInstanceOf(Pictures.Map2D.class, Pictures.of(network, e.dataset(), c.data()));
        assertInstanceOf(Pictures.Scatter.class, Pictures.of(network, e.dataset()), "three inputs of unknown meaning");
        assertTrue(Pictures.hasPlane(network, c.data()));
        Surface s = Pictures.neurons(network, e.dataset(), c.data()).orElseThrow();
        for (int row = 0; row < s.resolution(); row += 5) {
            for (int col = 0; col < s.resolution(); col += 4) {
                double[] p = s.point(row, col);
                Vec fed = Vec.of(new double[] {p[0] * p[0], p[1] * p[1], p[0] * p[1]});
                Layer first = network.layer(0);
                for (int j = 0; j < first.outputs(); j++) {
                    double a = first.bias(j);
                    for (int i = 0; i < 3; i++) a += first.weight(j, i) * fed.get(i);
                    assertEquals(first.activation().apply(a), s.neuron(0, j)[row][col], 1e-12);
                }
                assertEquals(network.predict(fed).get(0), s.output()[0][row][col], 1e-12);
            }
        }
    }
}

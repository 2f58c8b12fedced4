package netstep.view;

import netstep.view.render.*;

import netstep.data.Datasets;
import netstep.engine.Activation;
import netstep.engine.Network;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class PictureCacheTest {
    private static final Network NETWORK = Network.initialise(List.of(2, 3, 1), Activation.TANH, Activation.SIGMOID, 77);

    @Test
    void aNetworkAndDatasetSeenBeforeAreNotDrawnAgain() {
        var dataset = Datasets.byId(Datasets.CIRCLE).orElseThrow();
        PictureCache.clear();
        int[] drawn = {0};
        String first = PictureCache.html(NETWORK, dataset, () -> "drawn " + ++drawn[0]);
        String again = PictureCache.html(Network.initialise(List.of(2, 3, 1), Activation.TANH, Activation.SIGMOID, 77),
                dataset, () -> "drawn " + ++drawn[0]);
        assertEquals("drawn 1", first);
        assertEquals(first, again, "an equal network (networks are immutable values) reuses the drawing");
        assertEquals(1, drawn[0]);
    }

    @Test
    void theCachedPanelIsWhatAFreshDrawingGives() {
        var dataset = Datasets.byId(Datasets.CIRCLE).orElseThrow();
        PictureCache.clear();
        String fresh = ChartView.computes(NETWORK, dataset, null).render();
        String cached = ChartView.computes(NETWORK, dataset, null).render();
        assertEquals(fresh, cached);
        String other = ChartView.computes(NETWORK.withBias(0, 0, 0.5), dataset, null).render();
        assertNotEquals(fresh, other, "another network is drawn, not served from the cache");
    }
}

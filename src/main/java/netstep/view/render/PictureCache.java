package netstep.view.render;

import netstep.data.Dataset;
import netstep.engine.Network;

import java.util.function.Supplier;

/**
 * The rendered "what the network computes" panel (its heat-map PNGs above all), by network and dataset.
 * Networks are immutable, so an entry never goes stale: a page reload, a phase that changes no parameter,
 * or a pre-rendered next step reuses it. The least recently used entries go first.
 * An {@link HtmlCache}, not Caffeine, for the figures and the reason given there.
 */
public final class PictureCache {
    public static final int CAPACITY = 128;

    private record Key(Network network, Dataset dataset) {
    }

    private static final HtmlCache<Key> HTML = new HtmlCache<>(Long.MAX_VALUE, CAPACITY);

    private PictureCache() {
    }

    /** The cached HTML, or {@code render}'s, which is then kept; rendering runs outside the lock. */
    public static String html(Network network, Dataset dataset, Supplier<String> render) {
        return HTML.get(new Key(network, dataset), render);
    }

    /** For benchmarks that measure rendering the pictures afresh. */
    public static void clear() {
        HTML.clear();
    }
}

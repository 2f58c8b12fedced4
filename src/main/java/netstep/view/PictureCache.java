package netstep.view;

import netstep.data.Dataset;
import netstep.engine.Network;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The rendered "what the network computes" panel (its heat-map PNGs above all), by network and dataset.
 * Networks are immutable, so an entry never goes stale: a page reload, a phase that changes no parameter,
 * or a pre-rendered next step reuses it. The least recently used entries go first.
 */
final class PictureCache {
    static final int CAPACITY = 128;

    private record Key(Network network, Dataset dataset) {
    }

    private static final Map<Key, String> HTML = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
            return size() > CAPACITY;
        }
    };

    private PictureCache() {
    }

    /** The cached HTML, or {@code render}'s, which is then kept; rendering runs outside the lock. */
    static String html(Network network, Dataset dataset, Supplier<String> render) {
        Key key = new Key(network, dataset);
        synchronized (HTML) {
            String cached = HTML.get(key);
            if (cached != null) return cached;
        }
        String html = render.get();
        synchronized (HTML) {
            HTML.put(key, html);
        }
        return html;
    }

    /** For benchmarks that measure rendering the pictures afresh. */
    static void clear() {
        synchronized (HTML) {
            HTML.clear();
        }
    }
}

package netstep.view.render;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Rendered HTML by an immutable key (a network, a trace), least recently used first out once the entries together
 * pass a budget of characters or a number of entries. Rendering runs outside the lock; two threads may render the
 * same entry once each.
 * Kept against Caffeine 3.3.1: LibraryBenchmark hit 0.16 µs vs 1.45 µs, new entry 1.28 µs vs 126 µs
 * (docs/performance.md), and Caffeine's frequency-based admission may turn away the network rendered ahead.
 */
public final class HtmlCache<K> {
    /**
     * How many networks' diagram edges or weight tables are kept: an entry serves the few seconds of one
     * student's step, and under a class the entries must die young (docs/performance.md, "the old generation").
     */
    public static final int FEW_NETWORKS = 8;

    private final long budgetChars;
    private final int maxEntries;
    private final Map<K, String> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long chars;

    public HtmlCache(long budgetChars) {
        this(budgetChars, Integer.MAX_VALUE);
    }

    public HtmlCache(long budgetChars, int maxEntries) {
        this.budgetChars = budgetChars;
        this.maxEntries = maxEntries;
    }

    public String get(K key, Supplier<String> render) {
        synchronized (this) {
            String cached = entries.get(key);
            if (cached != null) return cached;
        }
        String html = render.get();
        synchronized (this) {
            String previous = entries.put(key, html);
            chars += html.length() - (previous == null ? 0 : previous.length());
            Iterator<String> eldest = entries.values().iterator();
            while ((chars > budgetChars || entries.size() > maxEntries) && entries.size() > 1) {
                chars -= eldest.next().length();
                eldest.remove();
            }
        }
        return html;
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
        chars = 0;
    }
}

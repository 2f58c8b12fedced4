package netstep.view.render;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HtmlCacheTest {
    @Test
    void beyondItsEntriesTheLeastRecentlyUsedGoesFirst() {
        HtmlCache<Integer> cache = new HtmlCache<>(1_000_000, HtmlCache.FEW_NETWORKS);
        AtomicInteger renders = new AtomicInteger();
        for (int key = 0; key < HtmlCache.FEW_NETWORKS; key++) cache.get(key, () -> "html " + renders.incrementAndGet());
        cache.get(0, () -> "again " + renders.incrementAndGet()); // 0 is now the most recently used
        cache.get(100, () -> "html " + renders.incrementAndGet()); // one too many: 1 goes
        assertEquals(HtmlCache.FEW_NETWORKS, cache.size());
        assertEquals(HtmlCache.FEW_NETWORKS + 1, renders.get());
        assertEquals("html 1", cache.get(0, () -> "drawn again"), "0 was used recently and stayed");
        assertEquals("drawn again", cache.get(1, () -> "drawn again"), "1 was the least recently used");
    }

    @Test
    void theBudgetOfCharactersEvictsButTheNewestEntryStays() {
        HtmlCache<String> cache = new HtmlCache<>(10, 100);
        cache.get("a", () -> "12345");
        cache.get("b", () -> "12345");
        assertEquals(2, cache.size());
        cache.get("c", () -> "1");
        assertEquals(2, cache.size(), "11 characters: a goes");
        cache.get("huge", () -> "x".repeat(50));
        assertEquals(1, cache.size(), "over budget alone, but the newest is kept");
        assertEquals("x".repeat(50), cache.get("huge", () -> "drawn again"));
    }
}

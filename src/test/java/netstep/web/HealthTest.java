package netstep.web;

import org.junit.jupiter.api.Test;

import java.lang.management.MemoryUsage;

import static org.junit.jupiter.api.Assertions.*;

/** When /health calls the heap exhausted: the old generation still nearly full right after a collection. */
class HealthTest {
    private static final long MAX = 160L << 20;

    @Test
    void aHeapStillNinetyFivePercentFullAfterACollectionIsExhausted() {
        assertNull(Health.heapProblem(new MemoryUsage(0, (long) (MAX * 0.94), MAX, MAX)));
        String problem = Health.heapProblem(new MemoryUsage(0, (long) (MAX * 0.97), MAX, MAX));
        assertNotNull(problem);
        assertTrue(problem.contains("97 %"), problem);
    }

    @Test
    void aPoolNotYetCollectedOrWithoutAMaximumSaysNothing() {
        assertNull(Health.heapProblem(null));
        assertNull(Health.heapProblem(new MemoryUsage(0, MAX, MAX, -1)));
    }
}

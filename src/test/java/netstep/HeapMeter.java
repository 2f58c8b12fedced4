package netstep;

import java.lang.management.ManagementFactory;

/** Heap in use once garbage collection has settled: for measuring what objects that stay reachable cost. */
public final class HeapMeter {
    private HeapMeter() {
    }

    /** The least heap in use seen over a few full collections (one is not always enough to settle). */
    public static long settledHeapBytes() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}

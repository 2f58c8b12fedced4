package netstep.engine;

import java.util.Random;

/**
 * Which sample comes next: epoch by epoch, each sample once per epoch, either in order or in a fresh
 * seeded shuffle per epoch (Fisher–Yates over {@link Random}, the same on every machine). Each epoch's shuffle has
 * a seed of its own (the schedule's seed for epoch 0, a mix of it and the epoch number after), so the schedule
 * after any number of steps is computed directly ({@link #after}) instead of replayed step by step: a saved
 * experiment claiming two billion steps must not cost two billion shuffle steps to open.
 */
public final class SampleSchedule {
    private final int size;
    private final SampleOrder order;
    private final long seed;
    private final int[] permutation;
    private int position;
    private int epoch;

    public SampleSchedule(int size, SampleOrder order, long seed) {
        this(size, order, seed, 0);
    }

    /**
     * The schedule in the state {@code consumed} calls of {@link #next} leave a fresh one in, in time independent
     * of {@code consumed}: the epoch and the position in it are a division, the epoch's order one shuffle.
     */
    public static SampleSchedule after(int size, SampleOrder order, long seed, long consumed) {
        return new SampleSchedule(size, order, seed, consumed);
    }

    private SampleSchedule(int size, SampleOrder order, long seed, long consumed) {
        if (size <= 0) throw new IllegalArgumentException("a dataset needs at least one sample");
        if (consumed < 0 || consumed / size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a schedule cannot be " + consumed + " samples on");
        }
        this.size = size;
        this.order = order;
        this.seed = seed;
        this.permutation = new int[size];
        this.epoch = (int) (consumed / size);
        newEpoch();
        position = (int) (consumed % size);
    }

    /**
     * Epoch 0 shuffles with the seed itself (as before epochs had seeds of their own); later epochs with the seed
     * and the epoch number mixed by SplitMix64's finaliser, so neighbouring epochs get unrelated generators.
     */
    static long epochSeed(long seed, int epoch) {
        if (epoch == 0) return seed;
        long z = seed + epoch * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private void newEpoch() {
        for (int i = 0; i < size; i++) permutation[i] = i;
        if (order == SampleOrder.SHUFFLED) {
            Random random = new Random(epochSeed(seed, epoch));
            for (int i = size - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = permutation[i];
                permutation[i] = permutation[j];
                permutation[j] = t;
            }
        }
        position = 0;
    }

    /** The index of the sample the next step will use. */
    public int peek() {
        return permutation[position];
    }

    /** The index of the sample {@code ahead} places after the next one, within the current epoch. */
    public int peek(int ahead) {
        if (ahead < 0 || position + ahead >= size) {
            throw new IllegalArgumentException("the epoch has " + (size - position) + " samples left, not " + (ahead + 1));
        }
        return permutation[position + ahead];
    }

    /** Consumes the next sample's index, moving to a new epoch after the last one. */
    public int next() {
        int index = permutation[position++];
        if (position == size) {
            epoch++;
            newEpoch();
        }
        return index;
    }

    /** Completed epochs. */
    public int epoch() {
        return epoch;
    }

    /** Samples already used in the current epoch. */
    public int position() {
        return position;
    }

    public int size() {
        return size;
    }

    public SampleOrder order() {
        return order;
    }
}

package netstep.engine;

import java.util.Random;

/**
 * Which sample comes next: epoch by epoch, each sample once per epoch, either in order or in a fresh
 * seeded shuffle per epoch (Fisher–Yates over {@link Random}, the same on every machine).
 */
public final class SampleSchedule {
    private final int size;
    private final SampleOrder order;
    private final Random random;
    private final int[] permutation;
    private int position;
    private int epoch;

    public SampleSchedule(int size, SampleOrder order, long seed) {
        if (size <= 0) throw new IllegalArgumentException("a dataset needs at least one sample");
        this.size = size;
        this.order = order;
        this.random = new Random(seed);
        this.permutation = new int[size];
        newEpoch();
    }

    private void newEpoch() {
        for (int i = 0; i < size; i++) permutation[i] = i;
        if (order == SampleOrder.SHUFFLED) {
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

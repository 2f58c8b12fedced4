package netstep.data;

/**
 * Which built-in dataset to generate and how: size is the number of samples, training and test together; noise
 * (0 to 1) is what each dataset documents; testFraction (0 to 0.5) of the samples are held out for testing; seed
 * makes the samples repeatable. Invalid values cannot be constructed: the constructor throws a DataException.
 */
public record DatasetSpec(String id, int size, double noise, double testFraction, long seed) {

    public static final double MAX_TEST_FRACTION = 0.5;

    public DatasetSpec {
        validate(id, size, noise, testFraction);
    }

    /** Nothing to do: a DatasetSpec is checked when it is made. Kept so callers can say what they rely on. */
    public DatasetSpec validate() {
        return this;
    }

    private static void validate(String id, int size, double noise, double testFraction) {
        if (id == null || !Datasets.isBuiltIn(id)) {
            throw new DataException("There is no built-in dataset " + (id == null ? "without a name" : "\"" + id + "\"")
                    + ". Choose one of: " + String.join(", ", Datasets.IDS) + ".");
        }
        if (size < 1 || size > Dataset.MAX_SAMPLES) {
            throw new DataException("The number of samples must be between 1 and " + Dataset.MAX_SAMPLES + ", not "
                    + size + ".");
        }
        if (!(noise >= 0 && noise <= 1)) {
            throw new DataException("The noise must be between 0 and 1, not " + noise + ".");
        }
        if (!(testFraction >= 0 && testFraction <= MAX_TEST_FRACTION)) {
            throw new DataException("The test fraction must be between 0 and " + MAX_TEST_FRACTION + ", not "
                    + testFraction + ".");
        }
    }

    public DatasetSpec withSize(int newSize) {
        return new DatasetSpec(id, newSize, noise, testFraction, seed);
    }

    public DatasetSpec withNoise(double newNoise) {
        return new DatasetSpec(id, size, newNoise, testFraction, seed);
    }

    public DatasetSpec withTestFraction(double newTestFraction) {
        return new DatasetSpec(id, size, noise, newTestFraction, seed);
    }

    public DatasetSpec withSeed(long newSeed) {
        return new DatasetSpec(id, size, noise, testFraction, newSeed);
    }
}

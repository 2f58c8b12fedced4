package netstep.data;

/**
 * One entry of the dataset menu: what it is, its widths, and the parameters it opens with.
 * For fixedSamples datasets (the line table, AND, OR, XOR) size and noise do not apply.
 */
public record BuiltIn(String id, String title, String description, int inputs, int outputs, DatasetSpec defaults,
        boolean fixedSamples) {
}

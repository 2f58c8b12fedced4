package netstep.experiment;

import netstep.engine.BatchTrace;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the step history: the step's samples (dataset rows from 0; a batch's first {@link #LISTED}, of its
 * {@code batchSize} b), its loss (a batch's mean; with regularization the total L + λR, and {@code dataLoss} the data
 * loss L alone), the largest weight change and η. A history of thousands of full-batch steps stays small that way.
 */
public record StepRecord(int step, int epoch, List<Integer> samples, int batchSize, double loss, double dataLoss,
                         double largestChange, double learningRate) {
    /** A batch's rows beyond this many are not kept: the history shows "…" and b. */
    public static final int LISTED = 16;

    public StepRecord {
        samples = List.copyOf(samples);
        if (samples.isEmpty() || samples.size() > Math.min(batchSize, LISTED)) {
            throw new IllegalArgumentException("a step of b = " + batchSize + " lists 1 to " + Math.min(batchSize, LISTED)
                    + " samples, not " + samples.size());
        }
    }

    /** A one-sample step without regularization: its loss is its data loss. */
    public StepRecord(int step, int epoch, int sampleIndex, double loss, double largestChange, double learningRate) {
        this(step, epoch, List.of(sampleIndex), 1, loss, loss, largestChange, learningRate);
    }

    /** A batch step: its rows (the first {@link #LISTED}), its mean loss L + λR and its data loss L. */
    static StepRecord ofBatch(int step, int epoch, int[] rows, BatchTrace batch, double largestChange) {
        List<Integer> kept = new ArrayList<>();
        for (int k = 0; k < Math.min(rows.length, LISTED); k++) kept.add(rows[k]);
        return new StepRecord(step, epoch, kept, rows.length, batch.loss(), batch.dataLoss(), largestChange,
                batch.learningRate());
    }

    /** The step's first sample (the only one when b = 1). */
    public int sampleIndex() {
        return samples.get(0);
    }

    public boolean batched() {
        return batchSize > 1;
    }

    /** e.g. "#4" or "#4, #9, #1 (b = 3)", with "…" when the batch has more samples than are kept. */
    public String samplesText() {
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < samples.size(); k++) out.append(k == 0 ? "" : ", ").append('#').append(samples.get(k) + 1);
        if (samples.size() < batchSize) out.append(", …");
        return batchSize > 1 ? out + " (b = " + batchSize + ")" : out.toString();
    }
}

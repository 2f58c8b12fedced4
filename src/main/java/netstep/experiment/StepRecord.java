package netstep.experiment;

/** One line of the step history: which sample, its loss, the largest weight change, η. */
public record StepRecord(int step, int epoch, int sampleIndex, double loss, double largestChange,
                         double learningRate) {
}

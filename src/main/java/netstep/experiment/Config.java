package netstep.experiment;

import netstep.data.Dataset;
import netstep.data.Datasets;
import netstep.engine.Activation;
import netstep.engine.Loss;
import netstep.engine.ParameterCount;
import netstep.engine.Regularization;
import netstep.engine.SampleOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a student chose on the configuration form. Immutable and already validated. */
public record Config(
        int inputs,
        List<Integer> hidden,
        int outputs,
        Activation hiddenActivation,
        Activation outputActivation,
        Loss loss,
        double learningRate,
        long seed,
        DataSource data,
        SampleOrder order,
        boolean trainBiases,
        int batchSize,
        Regularization regularization) {

    /** The widest layer the form builds: what a page can draw and one student's share of a class's server. */
    public static final int MAX_WIDTH = 64;
    // the stateless JSON API stores and draws nothing, so a script may send wider layers than a page can show
    public static final int MAX_API_WIDTH = 512;
    public static final int MAX_HIDDEN_LAYERS = 8;
    /** The largest learning rate η, in the form and the API alike (one bound for every door). */
    public static final double MAX_LEARNING_RATE = netstep.engine.Bounds.MAX_LEARNING_RATE;

    public Config {
        hidden = List.copyOf(hidden);
        if (regularization == null) regularization = Regularization.NONE;
        // the form checks this against the dataset with a message; here it only guards the invariant
        if (batchSize < 1) throw new IllegalArgumentException("the batch size must be at least 1, not " + batchSize);
    }

    /** One sample a step (the lecture's SGD), no regularization: the settings before issue 14. */
    public Config(int inputs, List<Integer> hidden, int outputs, Activation hiddenActivation, Activation outputActivation,
                  Loss loss, double learningRate, long seed, DataSource data, SampleOrder order, boolean trainBiases) {
        this(inputs, hidden, outputs, hiddenActivation, outputActivation, loss, learningRate, seed, data, order,
                trainBiases, 1, Regularization.NONE);
    }

    /** A configuration on a built-in dataset with its default parameters, biases trained. */
    public Config(int inputs, List<Integer> hidden, int outputs, Activation hiddenActivation, Activation outputActivation,
                  Loss loss, double learningRate, long seed, String datasetId, SampleOrder order) {
        this(inputs, hidden, outputs, hiddenActivation, outputActivation, loss, learningRate, seed, datasetId, order, true);
    }

    /** A configuration on a built-in dataset with its default parameters. */
    public Config(int inputs, List<Integer> hidden, int outputs, Activation hiddenActivation, Activation outputActivation,
                  Loss loss, double learningRate, long seed, String datasetId, SampleOrder order, boolean trainBiases) {
        this(inputs, hidden, outputs, hiddenActivation, outputActivation, loss, learningRate, seed,
                DataSource.builtIn(datasetId), order, trainBiases);
    }

    public String datasetId() {
        return data.id();
    }

    public Config withData(DataSource newData) {
        return new Config(inputs, hidden, outputs, hiddenActivation, outputActivation, loss, learningRate, seed, newData,
                order, trainBiases, batchSize, regularization);
    }

    /** The same settings stepping {@code b} samples at a time with {@code r} on the weights. */
    public Config withTraining(int b, Regularization r) {
        return new Config(inputs, hidden, outputs, hiddenActivation, outputActivation, loss, learningRate, seed, data,
                order, trainBiases, b, r);
    }

    /**
     * Whether a step is a batch step (several samples, or a penalty to show): otherwise it is the lecture's
     * one-sample step, traced exactly as before batches existed.
     */
    public boolean batched() {
        return batchSize > 1 || !regularization.none();
    }

    /** Steps in an epoch of {@code n} samples: ⌈n/b⌉. */
    public int stepsPerEpoch(int n) {
        return (n + batchSize - 1) / batchSize;
    }

    /** The page opens on the lecture's 3-4-2 MLP: 26 parameters, learning a small regression. */
    public static Config defaults() {
        return new Config(3, List.of(4), 2, Activation.SIGMOID, Activation.IDENTITY, Loss.L2, 0.1, 1,
                Datasets.REGRESSION_3_2, SampleOrder.SHUFFLED);
    }

    /** inputs, hidden widths…, outputs. */
    public List<Integer> sizes() {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(inputs);
        sizes.addAll(hidden);
        sizes.add(outputs);
        return sizes;
    }

    public ParameterCount parameterCount() {
        return ParameterCount.of(sizes());
    }

    public Dataset dataset() {
        return data.dataset();
    }

    /**
     * The rules of the multi-class outputs, by form field: softmax on the output layer only, cross-entropy only
     * after softmax, and targets the loss accepts (cross-entropy a probability vector, multi-class hinge one-hot).
     */
    public static java.util.Map<String, String> outputRules(List<Integer> hidden, Activation hiddenActivation,
                                                            Activation outputActivation, Loss loss, Dataset dataset) {
        java.util.Map<String, String> problems = new java.util.LinkedHashMap<>();
        if (hiddenActivation != null && !hiddenActivation.elementwise() && !hidden.isEmpty()) {
            problems.put(ConfigForm.HIDDEN_ACTIVATION, "Softmax belongs on the output layer only: it turns the last "
                    + "layer's scores into class probabilities. Choose another activation for the hidden layers.");
        }
        if (loss != null && loss.needsSoftmax() && outputActivation != null
                && outputActivation.kind() != Activation.Kind.SOFTMAX) {
            problems.put(ConfigForm.LOSS, "Cross-entropy needs softmax on the output layer, so that ŷ is a "
                    + "probability vector. Choose softmax as the output activation.");
        }
        if (loss != null && dataset != null && !problems.containsKey(ConfigForm.LOSS)) {
            double[][] train = dataset.yMatrix();
            double[][] test = dataset.testYMatrix();
            double[][] ys = java.util.Arrays.copyOf(train, train.length + test.length);
            System.arraycopy(test, 0, ys, train.length, test.length);
            for (int s = 0; s < ys.length; s++) {
                Optional<String> problem = loss.problemWithTarget(ys[s]);
                if (problem.isPresent()) {
                    problems.put(ConfigForm.LOSS, "This dataset's targets do not fit this loss (sample " + (s + 1)
                            + "): " + problem.get() + ".");
                    break;
                }
            }
        }
        return problems;
    }

    /** Why this network cannot learn this dataset, if it cannot: the widths must match. */
    public static Optional<String> mismatch(Dataset dataset, int inputs, int outputs) {
        if (dataset.inputs() == inputs && dataset.outputs() == outputs) return Optional.empty();
        return Optional.of("this dataset has " + dataset.inputs() + " input" + (dataset.inputs() == 1 ? "" : "s")
                + " and " + dataset.outputs() + " output" + (dataset.outputs() == 1 ? "" : "s")
                + "; the network has " + inputs + " and " + outputs);
    }
}

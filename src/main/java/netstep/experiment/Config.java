package netstep.experiment;

import netstep.data.Dataset;
import netstep.data.Datasets;
import netstep.engine.Activation;
import netstep.engine.Layer;
import netstep.engine.Loss;
import netstep.engine.Network;
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
        Regularization regularization,
        LocalConnection local) {

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

    /** One sample a step (the lecture's SGD), no regularization, fully connected: the settings before issues 13 and 14. */
    public Config(int inputs, List<Integer> hidden, int outputs, Activation hiddenActivation, Activation outputActivation,
                  Loss loss, double learningRate, long seed, DataSource data, SampleOrder order, boolean trainBiases) {
        this(inputs, hidden, outputs, hiddenActivation, outputActivation, loss, learningRate, seed, data, order,
                trainBiases, 1, Regularization.NONE, null);
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
                order, trainBiases, batchSize, regularization, local);
    }

    /** The same settings stepping {@code b} samples at a time with {@code r} on the weights. */
    public Config withTraining(int b, Regularization r) {
        return new Config(inputs, hidden, outputs, hiddenActivation, outputActivation, loss, learningRate, seed, data,
                order, trainBiases, b, r, local);
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


    /** The same network with its first layer locally connected ({@code null}: fully connected). */
    public Config withLocal(LocalConnection newLocal) {
        return new Config(inputs, hidden, outputs, hiddenActivation, outputActivation, loss, learningRate, seed, data,
                order, trainBiases, batchSize, regularization, newLocal);
    }

    /** The side of the square input image, or 0 when the inputs are not an image. */
    public int imageSide() {
        return netstep.data.ImageData.side(data.id(), inputs);
    }

    /** Each layer's fixed mask (null for a fully connected layer): only the first layer can be locally connected. */
    public List<double[][]> masks() {
        List<double[][]> masks = new ArrayList<>();
        for (int l = 0; l <= hidden.size(); l++) masks.add(l == 0 && local != null ? local.mask(imageSide()) : null);
        return masks;
    }

    /**
     * The network at step 0: Glorot-uniform from the seed ({@link Network#initialise}); a locally connected
     * first layer keeps only its window's weights, rescaled to its own fan-in k² (so its neurons start as lively
     * as a fully connected layer's).
     */
    public Network initialNetwork() {
        Network seeded = Network.initialise(sizes(), hiddenActivation, outputActivation, seed);
        if (local == null) return seeded;
        double[][] mask = local.mask(imageSide());
        Layer first = seeded.layer(0);
        double scale = Math.sqrt((double) (first.inputs() + first.outputs())
                / (local.window() * local.window() + first.outputs()));
        double[][] w = first.weights().toArray();
        for (int j = 0; j < w.length; j++) {
            for (int i = 0; i < w[j].length; i++) w[j][i] = mask[j][i] == 0 ? 0 : w[j][i] * scale;
        }
        List<Layer> layers = new ArrayList<>(seeded.layers());
        layers.set(0, new Layer(w, first.biases().toArray(), first.activation(), mask));
        return new Network(layers);
    }

    /** Why {@code network} does not have this configuration's connectivity (its masks), if it does not. */
    public Optional<String> connectivityMismatch(Network network) {
        List<double[][]> masks = masks();
        for (int l = 0; l < network.depth(); l++) {
            Layer layer = network.layer(l);
            double[][] expected = masks.get(l);
            if (expected == null) {
                if (layer.masked()) {
                    return Optional.of("layer " + (l + 1) + " of the network is locally connected but its settings say "
                            + "fully connected");
                }
            } else if (!java.util.Arrays.deepEquals(expected, layer.mask().toArray())) {
                return Optional.of("layer " + (l + 1) + " of the network does not have the mask of its settings' "
                        + local.window() + "×" + local.window() + " window with stride " + local.stride());
            }
        }
        return Optional.empty();
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

    /** Counts the weights that exist: a locally connected layer's masked weights do not. */
    public ParameterCount parameterCount() {
        if (local == null) return ParameterCount.of(sizes());
        List<Integer> weights = new ArrayList<>();
        List<Integer> sizes = sizes();
        for (int l = 1; l < sizes.size(); l++) {
            weights.add(l == 1 ? local.weights(imageSide()) : sizes.get(l - 1) * sizes.get(l));
        }
        return ParameterCount.of(sizes, weights);
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

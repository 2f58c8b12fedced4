package netstep.experiment;

import netstep.data.BuiltIn;
import netstep.data.CsvData;
import netstep.data.DataException;
import netstep.data.Dataset;
import netstep.data.DatasetSpec;
import netstep.data.Datasets;
import netstep.data.InputFeature;
import netstep.engine.Activation;
import netstep.engine.Loss;
import netstep.engine.ParameterCount;
import netstep.engine.Regularization;
import netstep.engine.SampleOrder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration form as the student typed it: raw field values, and a message per field that is wrong.
 * Kept separate from {@link Config} so a rejected form can be shown again exactly as typed.
 * Over 300 lines: every field of the form with its parsing, bounds and message, in one place.
 */
public final class ConfigForm {
    public static final String INPUTS = "inputs";
    public static final String HIDDEN = "hidden";
    public static final String OUTPUTS = "outputs";
    public static final String HIDDEN_ACTIVATION = "hiddenActivation";
    public static final String OUTPUT_ACTIVATION = "outputActivation";
    public static final String SLOPE = "slope";
    public static final String LOSS = "loss";
    public static final String LEARNING_RATE = "learningRate";
    public static final String SEED = "seed";
    public static final String DATASET = "dataset";
    public static final String ORDER = "order";
    public static final String SIZE = "size";
    public static final String NOISE = "noise";
    public static final String TEST_FRACTION = "testFraction";
    public static final String DATA_SEED = "dataSeed";
    public static final String BIASES = "biases";
    public static final String BIASES_TRAINED = "trained";
    public static final String BIASES_FROZEN = "frozen";
    /** Input features of 2-D data, ids separated by commas (e.g. "x1sq,x2sq"); empty: the raw x₁, x₂. */
    public static final String FEATURES = "features";
    /** Samples a step, b: empty (older files and scripts) is 1, the lecture's SGD. */
    public static final String BATCH_SIZE = "batchSize";
    /** none, l2 or l1; empty (older files) is none. */
    public static final String REGULARIZATION = "regularization";
    /** The regularization strength λ, read only with l2 or l1. */
    public static final String LAMBDA = "lambda";
    /** A locally connected first layer's window side k (each neuron sees k×k pixels); empty: fully connected. */
    public static final String WINDOW = "window";
    /** How many pixels apart the windows are placed; empty: 1. */
    public static final String STRIDE = "stride";

    // new fields go last: a saved file lists its settings in this order
    private static final List<String> FIELDS = List.of(INPUTS, HIDDEN, OUTPUTS, HIDDEN_ACTIVATION,
            OUTPUT_ACTIVATION, SLOPE, LOSS, LEARNING_RATE, SEED, DATASET, SIZE, NOISE, TEST_FRACTION, DATA_SEED, ORDER,
            BIASES, FEATURES, BATCH_SIZE, REGULARIZATION, LAMBDA, WINDOW, STRIDE);
    private static final int MAX_FIELD_LENGTH = 200;

    private final Map<String, String> values;
    private final Map<String, String> errors = new LinkedHashMap<>();
    private Config config;
    private List<Integer> sizes;

    private ConfigForm(Map<String, String> values) {
        this.values = values;
    }

    /** Every field's name, in form order. */
    public static List<String> fields() {
        return FIELDS;
    }

    /** The form showing an existing configuration. */
    public static ConfigForm of(Config c) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(INPUTS, String.valueOf(c.inputs()));
        v.put(HIDDEN, String.join(",", c.hidden().stream().map(String::valueOf).toList()));
        v.put(OUTPUTS, String.valueOf(c.outputs()));
        v.put(HIDDEN_ACTIVATION, c.hiddenActivation().id());
        v.put(OUTPUT_ACTIVATION, c.outputActivation().id());
        double slope = c.hiddenActivation().kind() == Activation.Kind.LEAKY_RELU ? c.hiddenActivation().slope()
                : c.outputActivation().kind() == Activation.Kind.LEAKY_RELU ? c.outputActivation().slope()
                : Activation.DEFAULT_LEAKY_SLOPE;
        v.put(SLOPE, plain(slope));
        v.put(LOSS, c.loss().id);
        v.put(LEARNING_RATE, plain(c.learningRate()));
        v.put(SEED, String.valueOf(c.seed()));
        v.put(DATASET, c.datasetId());
        if (c.data().raw() instanceof DataSource.BuiltInData b) {
            v.put(SIZE, String.valueOf(b.spec().size()));
            v.put(NOISE, plain(b.spec().noise()));
            v.put(TEST_FRACTION, plain(b.spec().testFraction()));
            v.put(DATA_SEED, String.valueOf(b.spec().seed()));
        }
        v.put(ORDER, c.order().id);
        v.put(BIASES, c.trainBiases() ? BIASES_TRAINED : BIASES_FROZEN);
        v.put(FEATURES, c.data() instanceof DataSource.Featured f ? InputFeature.ids(f.features()) : "");
        v.put(BATCH_SIZE, String.valueOf(c.batchSize()));
        v.put(REGULARIZATION, c.regularization().kind().id);
        v.put(LAMBDA, c.regularization().none() ? "" : plain(c.regularization().lambda()));
        v.put(WINDOW, c.local() == null ? "" : String.valueOf(c.local().window()));
        v.put(STRIDE, c.local() == null ? "" : String.valueOf(c.local().stride()));
        ConfigForm form = new ConfigForm(v);
        form.config = c;
        form.sizes = c.sizes();
        return form;
    }

    /** Reads and checks submitted fields; {@link #config()} is present when every field is right. */
    public static ConfigForm parse(Map<String, String> submitted) {
        return parse(submitted, null);
    }

    /**
     * Reads and checks submitted fields; {@code customData} (the student's own samples, or a saved experiment's)
     * is used when the dataset field says "custom".
     */
    public static ConfigForm parse(Map<String, String> submitted, Dataset customData) {
        Map<String, String> v = new LinkedHashMap<>();
        for (String field : FIELDS) {
            String raw = submitted.getOrDefault(field, "");
            raw = raw == null ? "" : raw.strip();
            if (raw.length() > MAX_FIELD_LENGTH) raw = raw.substring(0, MAX_FIELD_LENGTH);
            v.put(field, raw);
        }
        ConfigForm form = new ConfigForm(v);
        form.validate(customData);
        return form;
    }

    private void validate(Dataset customData) {
        Integer inputs = width(INPUTS, "Inputs");
        List<InputFeature> features = features();
        if (features != null && !features.isEmpty()) {
            // the input layer's width follows the features
            errors.remove(INPUTS);
            inputs = features.size();
            values.put(INPUTS, String.valueOf(inputs));
        }
        List<Integer> hidden = hiddenWidths();
        Integer outputs = width(OUTPUTS, "Outputs");
        Double slope = number(SLOPE, "The leaky ReLU slope a", 0, 1, true);
        Activation hiddenActivation = activation(HIDDEN_ACTIVATION, slope);
        Activation outputActivation = activation(OUTPUT_ACTIVATION, slope);
        Loss loss = choice(LOSS, "loss", Loss::fromId);
        Double eta = number(LEARNING_RATE, "The learning rate η", 0, Config.MAX_LEARNING_RATE, false);
        Long seed = seed();
        SampleOrder order = choice(ORDER, "sample order", SampleOrder::fromId);
        // absent from older forms and scripts: biases are trained unless frozen is asked for
        Boolean trainBiases = choice(BIASES, "biases", id -> switch (id) {
            case "", BIASES_TRAINED -> true;
            case BIASES_FROZEN -> false;
            default -> throw new IllegalArgumentException(id);
        });
        Integer batchSize = batchSize();
        Regularization regularization = regularization();
        if (inputs != null && outputs != null && !errors.containsKey(HIDDEN)) sizes = layerSizes(inputs, hidden, outputs);
        DataSource data = featured(dataSource(customData), features);
        Dataset dataset = data == null ? null : data.dataset();
        if (dataset != null && inputs != null && outputs != null) checkFits(dataset, inputs, outputs);
        if (dataset != null && batchSize != null) checkBatchFits(dataset, batchSize);
        LocalConnection local = local(data, inputs, hidden);
        if (local != null && !hidden.isEmpty()) hidden = followWindow(local, netstep.data.ImageData.side(data.id(), inputs), hidden);
        Config.outputRules(hidden, hiddenActivation, outputActivation, loss, dataset).forEach(errors::putIfAbsent);
        if (errors.isEmpty()) {
            config = new Config(inputs, hidden, outputs, hiddenActivation, outputActivation, loss, eta, seed,
                    data, order, trainBiases, batchSize, regularization, local);
        }
    }

    private void checkBatchFits(Dataset dataset, int batchSize) {
        if (batchSize > dataset.size()) {
            errors.put(BATCH_SIZE, "The batch size b must be from 1 to the number of samples, N = " + dataset.size()
                    + " (b = N is full-batch gradient descent), not " + batchSize + ".");
        }
    }

    /** The hidden widths with the first one following the window: one neuron per window position. */
    private List<Integer> followWindow(LocalConnection local, int side, List<Integer> hidden) {
        List<Integer> widths = new ArrayList<>(hidden);
        widths.set(0, local.neurons(side));
        values.put(HIDDEN, String.join(",", widths.stream().map(String::valueOf).toList()));
        if (sizes != null) sizes.set(1, local.neurons(side));
        return widths;
    }

    private static List<Integer> layerSizes(int inputs, List<Integer> hidden, int outputs) {
        List<Integer> all = new ArrayList<>();
        all.add(inputs);
        all.addAll(hidden);
        all.add(outputs);
        return all;
    }

    private void checkFits(Dataset dataset, int inputs, int outputs) {
        Config.mismatch(dataset, inputs, outputs)
                .ifPresent(m -> errors.put(DATASET, "Does not fit: " + m + ". Set inputs to " + dataset.inputs()
                        + " and outputs to " + dataset.outputs() + ", or choose another dataset."));
    }

    /** The data through the input features, if any are chosen (they are made of 2-D points); null if refused. */
    private DataSource featured(DataSource data, List<InputFeature> features) {
        if (data == null || features == null || features.isEmpty()) return data;
        int rawInputs = data.dataset().inputs();
        if (rawInputs != 2) {
            errors.put(FEATURES, "Input features are made of 2-D points (x₁, x₂); this dataset has " + rawInputs
                    + " inputs. Clear the features, or choose 2-D data.");
            return null;
        }
        return new DataSource.Featured(data, features);
    }

    /** b: a whole number from 1 up to the largest dataset (the dataset's own size is checked once it is known). */
    private Integer batchSize() {
        String raw = values.get(BATCH_SIZE);
        if (raw.isEmpty()) return 1;
        String rule = "The batch size b must be a whole number from 1 (one sample a step, the lecture's SGD) to the "
                + "number of samples (full-batch gradient descent)";
        try {
            int b = Integer.parseInt(raw);
            if (b < 1 || b > Dataset.MAX_SAMPLES) {
                errors.put(BATCH_SIZE, rule + ", not " + b + ".");
                return null;
            }
            return b;
        } catch (NumberFormatException e) {
            errors.put(BATCH_SIZE, rule + ", not \"" + raw + "\".");
            return null;
        }
    }

    /** none, or L2 or L1 with its strength λ from 0 to {@link Regularization#MAX_LAMBDA}. */
    private Regularization regularization() {
        String id = values.get(REGULARIZATION);
        Regularization.Kind kind;
        try {
            kind = id.isEmpty() ? Regularization.Kind.NONE : Regularization.Kind.fromId(id);
        } catch (IllegalArgumentException e) {
            errors.put(REGULARIZATION, "Choose none, L2 or L1 for the regularization.");
            return null;
        }
        if (kind == Regularization.Kind.NONE) return Regularization.NONE;
        Double lambda = number(LAMBDA, "The regularization strength λ", 0, Regularization.MAX_LAMBDA, true);
        return lambda == null ? null : new Regularization(kind, lambda);
    }

    /** The built-in dataset with the typed size, noise, test fraction and seed (each optional), or the custom one. */
    private DataSource dataSource(Dataset customData) {
        String id = values.get(DATASET);
        if (CsvData.CUSTOM.equals(id)) {
            if (customData == null) {
                errors.put(DATASET, "There is no data of your own yet: paste or upload it under \"Your own data\".");
                return null;
            }
            return new DataSource.CustomData(customData);
        }
        BuiltIn builtIn = Datasets.builtIn(id).orElse(null);
        if (builtIn == null) {
            errors.put(DATASET, "Choose one of the datasets in the list.");
            return null;
        }
        DatasetSpec defaults = builtIn.defaults();
        Double size = optionalNumber(SIZE, "The number of samples", 1, Dataset.MAX_SAMPLES, true);
        Double noise = optionalNumber(NOISE, "The noise", 0, 1, true);
        Double testFraction = optionalNumber(TEST_FRACTION, "The test fraction", 0, DatasetSpec.MAX_TEST_FRACTION, true);
        Double dataSeed = optionalNumber(DATA_SEED, "The data seed", 0, 1e15, true);
        if (size != null && size != Math.rint(size)) errors.put(SIZE, "The number of samples is a whole number.");
        if (dataSeed != null && dataSeed != Math.rint(dataSeed)) errors.put(DATA_SEED, "The data seed is a whole number.");
        if (errors.containsKey(SIZE) || errors.containsKey(NOISE) || errors.containsKey(TEST_FRACTION)
                || errors.containsKey(DATA_SEED)) {
            return null;
        }
        try {
            return new DataSource.BuiltInData(new DatasetSpec(id,
                    size == null ? defaults.size() : size.intValue(),
                    noise == null ? defaults.noise() : noise,
                    testFraction == null ? defaults.testFraction() : testFraction,
                    dataSeed == null ? defaults.seed() : dataSeed.longValue()));
        } catch (DataException e) {
            errors.put(DATASET, e.getMessage());
            return null;
        }
    }

    /**
     * The locally connected first layer the window and stride fields ask for: null for a fully connected one (an
     * empty window), or when a field is wrong (with its message).
     */
    private LocalConnection local(DataSource data, Integer inputs, List<Integer> hidden) {
        String window = values.get(WINDOW);
        String stride = values.get(STRIDE);
        if (window.isEmpty()) {
            if (!stride.isEmpty() && whole(stride) == null) {
                errors.put(STRIDE, "The stride is a whole number of pixels (e.g. 1), not \"" + stride + "\".");
            }
            return null;
        }
        Integer k = whole(window);
        if (k == null || k < 1) {
            errors.put(WINDOW, "The window is the side k of each neuron's k×k patch: a whole number of 1 or more, not \""
                    + window + "\". Leave it empty for a fully connected layer.");
            return null;
        }
        Integer s = stride.isEmpty() ? Integer.valueOf(1) : whole(stride);
        if (s == null || s < 1) {
            errors.put(STRIDE, "The stride is how many pixels apart the windows are: a whole number of 1 or more, not \""
                    + stride + "\".");
            return null;
        }
        if (data == null || inputs == null) return null; // the dataset or inputs field has its own message
        int side = netstep.data.ImageData.side(data.id(), inputs);
        if (side == 0) {
            errors.put(WINDOW, "A locally connected layer needs image inputs (the digits or the shapes): each neuron "
                    + "sees a k×k patch of the image. This dataset's inputs are not an image, so leave the window empty.");
            return null;
        }
        if (k > side) {
            errors.put(WINDOW, "A " + k + "×" + k + " window does not fit the " + side + "×" + side
                    + " image: choose a window from 1 to " + side + ".");
            return null;
        }
        if (s > side) {
            errors.put(STRIDE, "The stride must be from 1 to " + side + " (the image's side), not " + s + ".");
            return null;
        }
        if (hidden.isEmpty() && !errors.containsKey(HIDDEN)) {
            errors.put(HIDDEN, "A locally connected layer is a hidden layer: give at least one hidden layer (its width "
                    + "follows the window), or leave the window empty.");
            return null;
        }
        return new LocalConnection(k, s);
    }

    private static Integer whole(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The chosen input features (empty for the raw inputs), or null when the field is wrong. */
    private List<InputFeature> features() {
        try {
            return InputFeature.parse(values.get(FEATURES));
        } catch (IllegalArgumentException e) {
            errors.put(FEATURES, "Input features: " + e.getMessage() + ".");
            return null;
        }
    }

    /** An optional number field: empty means the default. */
    private Double optionalNumber(String field, String name, double low, double high, boolean lowInclusive) {
        return values.get(field).isEmpty() ? null : number(field, name, low, high, lowInclusive);
    }

    private Integer width(String field, String name) {
        String raw = values.get(field);
        if (raw.isEmpty()) {
            errors.put(field, name + " is empty: enter a whole number from 1 to " + Config.MAX_WIDTH + ".");
            return null;
        }
        try {
            int n = Integer.parseInt(raw);
            if (n < 1 || n > Config.MAX_WIDTH) {
                errors.put(field, name + " must be from 1 to " + Config.MAX_WIDTH + ", not " + n + ".");
                return null;
            }
            return n;
        } catch (NumberFormatException e) {
            errors.put(field, name + " must be a whole number from 1 to " + Config.MAX_WIDTH + ", not \"" + raw + "\".");
            return null;
        }
    }

    private List<Integer> hiddenWidths() {
        String raw = values.get(HIDDEN);
        List<Integer> widths = new ArrayList<>();
        if (raw.isEmpty()) return widths;
        String[] parts = Arrays.stream(raw.split("[,\\s]+")).filter(part -> !part.isEmpty()).toArray(String[]::new);
        if (parts.length > Config.MAX_HIDDEN_LAYERS) {
            errors.put(HIDDEN, "At most " + Config.MAX_HIDDEN_LAYERS + " hidden layers, not " + parts.length + ".");
            return widths;
        }
        for (String part : parts) {
            if (part.isEmpty()) continue;
            try {
                int n = Integer.parseInt(part);
                if (n < 1 || n > Config.MAX_WIDTH) {
                    errors.put(HIDDEN, "Each hidden layer needs 1 to " + Config.MAX_WIDTH + " neurons, not " + n + ".");
                    return widths;
                }
                widths.add(n);
            } catch (NumberFormatException e) {
                errors.put(HIDDEN, "Hidden layer widths are whole numbers separated by commas (e.g. 4 or 4,4), "
                        + "not \"" + part + "\". Leave it empty for a single linear layer.");
                return widths;
            }
        }
        return widths;
    }

    private Double number(String field, String name, double low, double high, boolean lowInclusive) {
        String raw = values.get(field);
        String range = (lowInclusive ? "from " : "greater than ") + plain(low) + " up to " + plain(high);
        if (raw.isEmpty()) {
            errors.put(field, name + " is empty: enter a number " + range + ".");
            return null;
        }
        double v;
        try {
            v = Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            errors.put(field, name + " must be a number " + range + ", not \"" + raw + "\".");
            return null;
        }
        boolean aboveLow = lowInclusive ? v >= low : v > low;
        if (!Double.isFinite(v) || !aboveLow || v > high) {
            errors.put(field, name + " must be " + range + ", not " + raw + ".");
            return null;
        }
        return v;
    }

    private Long seed() {
        String raw = values.get(SEED);
        try {
            long seed = Long.parseLong(raw);
            if (seed < 0) throw new NumberFormatException();
            return seed;
        } catch (NumberFormatException e) {
            errors.put(SEED, "The seed must be a whole number of 0 or more, not \"" + raw + "\".");
            return null;
        }
    }

    private Activation activation(String field, Double slope) {
        try {
            return Activation.of(values.get(field), slope == null ? Activation.DEFAULT_LEAKY_SLOPE : slope);
        } catch (IllegalArgumentException e) {
            errors.put(field, "Choose one of the activations in the list.");
            return null;
        }
    }

    private <T> T choice(String field, String name, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(values.get(field));
        } catch (IllegalArgumentException e) {
            errors.put(field, "Choose one of the " + name + " options in the list.");
            return null;
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v)
                : String.format(Locale.ROOT, "%s", v);
    }

    public String value(String field) {
        return values.getOrDefault(field, "");
    }

    public Optional<String> error(String field) {
        return Optional.ofNullable(errors.get(field));
    }

    public Map<String, String> errors() {
        return Map.copyOf(errors);
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /** The parameter count of the sizes typed so far, when the sizes themselves are valid. */
    public Optional<ParameterCount> parameterCount() {
        if (config != null) return Optional.of(config.parameterCount());
        return sizes == null ? Optional.empty() : Optional.of(ParameterCount.of(sizes));
    }

    public Optional<Config> config() {
        return Optional.ofNullable(config);
    }
}

package netstep.engine;

import org.jblas.DoubleMatrix;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A multi-layer perceptron: f(x) = f_L(… f_2(W_2 f_1(W_1 x + b_1) + b_2) …). Immutable. */
public final class Network {
    private final List<Layer> layers;

    public Network(List<Layer> layers) {
        if (layers.isEmpty()) throw new IllegalArgumentException("a network needs at least one layer");
        for (int l = 0; l < layers.size() - 1; l++) {
            if (!layers.get(l).activation().elementwise()) {
                throw new IllegalArgumentException("layer " + (l + 1) + " uses softmax, which is allowed on the last "
                        + "layer only");
            }
        }
        for (int l = 1; l < layers.size(); l++) {
            if (layers.get(l).inputs() != layers.get(l - 1).outputs()) {
                throw new IllegalArgumentException("layer " + (l + 1) + " takes " + layers.get(l).inputs()
                        + " inputs but layer " + l + " has " + layers.get(l - 1).outputs() + " neurons");
            }
        }
        this.layers = List.copyOf(layers);
    }

    /**
     * A fresh network with Glorot-uniform weights and zero biases, drawn from {@link Random} with the seed,
     * whose sequence is specified by the JDK and so the same on every machine.
     *
     * @param sizes inputs, hidden widths…, outputs
     */
    public static Network initialise(List<Integer> sizes, Activation hidden, Activation output, long seed) {
        if (sizes.size() < 2) throw new IllegalArgumentException("need at least an input and an output size");
        Random random = new Random(seed);
        List<Layer> layers = new ArrayList<>();
        for (int l = 1; l < sizes.size(); l++) {
            int fanIn = sizes.get(l - 1);
            int fanOut = sizes.get(l);
            double limit = Math.sqrt(6.0 / (fanIn + fanOut));
            double[][] w = new double[fanOut][fanIn];
            for (int j = 0; j < fanOut; j++) {
                for (int i = 0; i < fanIn; i++) {
                    w[j][i] = (2 * random.nextDouble() - 1) * limit;
                }
            }
            boolean last = l == sizes.size() - 1;
            layers.add(new Layer(w, new double[fanOut], last ? output : hidden));
        }
        return new Network(layers);
    }

    public List<Layer> layers() {
        return layers;
    }

    public Layer layer(int index) {
        return layers.get(index);
    }

    public int depth() {
        return layers.size();
    }

    public int inputs() {
        return layers.get(0).inputs();
    }

    public int outputs() {
        return layers.get(layers.size() - 1).outputs();
    }

    /** inputs, then each layer's width. */
    public List<Integer> sizes() {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(inputs());
        for (Layer layer : layers) sizes.add(layer.outputs());
        return sizes;
    }

    /** Counts unmasked weights only: a locally connected layer's masked weights do not exist. */
    public ParameterCount parameterCount() {
        return ParameterCount.of(sizes(), layers.stream().map(Layer::unmaskedWeightCount).toList());
    }

    /** Each layer's weight count the lecture's way, e.g. "fully connected 64 × 16 = 1,024 weights". */
    public List<String> connectivity() {
        return layers.stream().map(Layer::connectivity).toList();
    }

    /** Every weight and bias finite and within ±{@link Bounds#MAX_MAGNITUDE}. */
    public boolean allWithinBounds() {
        return layers.stream().allMatch(Layer::allWithinBounds);
    }

    public boolean allFinite() {
        return layers.stream().allMatch(Layer::allFinite);
    }

    /** ŷ for one sample. */
    public Vec predict(Vec x) {
        DoubleMatrix f = new DoubleMatrix(x.toArray());
        for (Layer layer : layers) {
            f = layer.activate(layer.preActivation(f));
        }
        return Vec.wrap(f.data);
    }

    /**
     * Outputs for a whole batch at once ({@link BatchForward}): within about 1e-15 of {@link #predict} per sample
     * (tanh and the sigmoid are computed differently), and many times faster. Columns of {@code x} are samples.
     */
    public DoubleMatrix predictBatch(DoubleMatrix xColumns) {
        return BatchForward.columnsOf(new BatchForward(layers).run(xColumns, false).get(0));
    }

    /**
     * Every layer's activation output f for a whole batch, as {@link #predictBatch} computes it.
     * Element l has a row per neuron of layer l+1 and a column per sample.
     */
    public List<DoubleMatrix> activationsBatch(DoubleMatrix xColumns) {
        List<DoubleMatrix> fs = new ArrayList<>(layers.size());
        for (double[][] f : activationRows(xColumns)) fs.add(BatchForward.columnsOf(f));
        return fs;
    }

    /** {@link #activationsBatch} neuron by neuron: element l's {@code [j][s]} is neuron j of layer l+1 at sample s. */
    List<double[][]> activationRows(DoubleMatrix xColumns) {
        return new BatchForward(layers).run(xColumns, true);
    }

    /** Outputs for samples given as rows, one array per sample. */
    public double[][] predictBatch(double[][] xRows) {
        return predictBatch(new DoubleMatrix(xRows).transpose()).transpose().toArray2();
    }

    /** The same network with one weight replaced. */
    public Network withWeight(int layerIndex, int neuron, int input, double value) {
        Layer old = layers.get(layerIndex);
        if (!old.connected(neuron, input)) {
            throw new IllegalArgumentException("weight (" + neuron + ", " + input + ") of layer " + (layerIndex + 1)
                    + " is masked: it does not exist in this locally connected layer");
        }
        DoubleMatrix w = old.w().dup();
        w.put(neuron, input, value);
        return with(layerIndex, new Layer(w, old.b().dup(), old.activation(), old.maskMatrix()));
    }

    /** The same network with one bias replaced. */
    public Network withBias(int layerIndex, int neuron, double value) {
        Layer old = layers.get(layerIndex);
        DoubleMatrix b = old.b().dup();
        b.put(neuron, value);
        return with(layerIndex, new Layer(old.w().dup(), b, old.activation(), old.maskMatrix()));
    }

    private Network with(int layerIndex, Layer layer) {
        List<Layer> copy = new ArrayList<>(layers);
        copy.set(layerIndex, layer);
        return new Network(copy);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Network other && layers.equals(other.layers);
    }

    @Override
    public int hashCode() {
        return layers.hashCode();
    }
}

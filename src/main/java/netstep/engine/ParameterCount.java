package netstep.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How many weights and biases a network of the given sizes has, written the way the lecture counts them.
 * {@code layerWeights} holds each layer's weights that exist: inputs × outputs, or fewer for a masked layer.
 */
public record ParameterCount(List<Integer> sizes, int weights, int biases, List<Integer> layerWeights) {

    public ParameterCount {
        sizes = List.copyOf(sizes);
        layerWeights = List.copyOf(layerWeights);
    }

    public static ParameterCount of(List<Integer> sizes) {
        if (sizes.size() < 2) throw new IllegalArgumentException("need at least an input and an output size");
        List<Integer> full = new ArrayList<>();
        for (int l = 1; l < sizes.size(); l++) full.add(Math.toIntExact((long) sizes.get(l - 1) * sizes.get(l)));
        return of(sizes, full);
    }

    /** Sizes with each layer's count of unmasked weights. */
    public static ParameterCount of(List<Integer> sizes, List<Integer> layerWeights) {
        if (sizes.size() < 2) throw new IllegalArgumentException("need at least an input and an output size");
        if (layerWeights.size() != sizes.size() - 1) throw new IllegalArgumentException("one weight count per layer");
        long weights = 0;
        long biases = 0;
        for (int l = 1; l < sizes.size(); l++) {
            weights += layerWeights.get(l - 1);
            biases += sizes.get(l);
        }
        return new ParameterCount(sizes, Math.toIntExact(weights), Math.toIntExact(biases), layerWeights);
    }

    /** 1024 as "1,024", the way the lecture writes counts. */
    public static String grouped(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    public int total() {
        return weights + biases;
    }

    /** Per layer "(inputs×outputs)" terms, as the lecture counts edges between layers. */
    public List<String> weightTerms() {
        List<String> terms = new ArrayList<>();
        for (int l = 1; l < sizes.size(); l++) {
            long full = (long) sizes.get(l - 1) * sizes.get(l);
            terms.add(layerWeights.get(l - 1) == full ? "(" + sizes.get(l - 1) + "×" + sizes.get(l) + ")"
                    : "(" + layerWeights.get(l - 1) + " of " + sizes.get(l - 1) + "×" + sizes.get(l) + ")");
        }
        return terms;
    }

    public List<String> biasTerms() {
        return sizes.subList(1, sizes.size()).stream().map(String::valueOf).collect(Collectors.toList());
    }

    /** e.g. "(3×4) + (4×2) = 20 weights, 4 + 2 = 6 biases, 26 parameters". */
    public String formula() {
        return String.join(" + ", weightTerms()) + " = " + plural(weights, "weight") + ", "
                + String.join(" + ", biasTerms()) + " = " + plural(biases, "bias") + ", "
                + plural(total(), "parameter");
    }

    private static String plural(int n, String noun) {
        if (n == 1) return n + " " + noun;
        return n + " " + (noun.endsWith("s") ? noun + "es" : noun + "s");
    }
}

package netstep.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** How many weights and biases a network of the given sizes has, written the way the lecture counts them. */
public record ParameterCount(List<Integer> sizes, int weights, int biases) {

    public static ParameterCount of(List<Integer> sizes) {
        if (sizes.size() < 2) throw new IllegalArgumentException("need at least an input and an output size");
        long weights = 0;
        long biases = 0;
        for (int l = 1; l < sizes.size(); l++) {
            weights += (long) sizes.get(l - 1) * sizes.get(l);
            biases += sizes.get(l);
        }
        return new ParameterCount(List.copyOf(sizes), Math.toIntExact(weights), Math.toIntExact(biases));
    }

    public int total() {
        return weights + biases;
    }

    /** Per layer "(inputs×outputs)" terms, as the lecture counts edges between layers. */
    public List<String> weightTerms() {
        List<String> terms = new ArrayList<>();
        for (int l = 1; l < sizes.size(); l++) {
            terms.add("(" + sizes.get(l - 1) + "×" + sizes.get(l) + ")");
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

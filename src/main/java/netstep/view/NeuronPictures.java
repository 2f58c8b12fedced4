package netstep.view;

import j2html.tags.DomContent;
import netstep.data.Dataset;
import netstep.engine.Activation;
import netstep.engine.Network;
import netstep.engine.Surface;
import netstep.experiment.Experiment;
import netstep.experiment.Pictures;
import netstep.view.render.HeatmapPng;
import netstep.view.render.HtmlCache;
import netstep.view.render.Svg;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.rawHtml;

/**
 * For a 2-input network, a small heat map inside each neuron of the diagram after the inputs, as TensorFlow
 * Playground shows: what that neuron outputs, f(a), over the input plane (the numbers are
 * {@link Pictures#neurons}'s; the output neurons show the network's output). Drawn under the neuron's circle,
 * whose fill the stylesheet then leaves clear.
 */
final class NeuronPictures {
    /**
     * Colour levels of a neuron's picture: the browser smooths the enlarged 12×12 image, and a small palette
     * keeps each picture near 400 bytes, sixteen of them on a 2-8-8-1 diagram.
     */
    static final int LEVELS = 24;

    private record Key(Network network, Dataset dataset) {
    }

    /** The pictures depend on the network and the data only: every phase before an update reuses them. */
    private static final HtmlCache<Key> CACHE = new HtmlCache<>(2_000_000, HtmlCache.FEW_NETWORKS);

    private NeuronPictures() {
    }

    /**
     * The pictures, placed in the circles of the neurons at {@code ys[column][j]}, column c at x = left + c·gap;
     * null when the network has no 2-D input plane to draw.
     */
    static DomContent pictures(Experiment e, double left, double gap, double[][] ys, double radius, boolean kept) {
        Network network = e.network();
        Dataset dataset = e.dataset();
        var source = e.config().data();
        if (!Pictures.hasPlane(network, source) || network.depth() < 2) return null;
        // the experiment's dataset instance is made once with its features, so the key stays (network, dataset)
        String pictures = CACHE.get(new Key(network, dataset), () -> Pictures.neurons(network, dataset, source)
                .map(s -> draw(network, dataset, s, left, gap, ys, radius).render()).orElse(""));
        // the same pictures until an update: an answer that knows the page shows them sends a placeholder
        return pictures.isEmpty() ? null : rawHtml(Svg.preservable("pictures", pictures, kept));
    }

    /**
     * The pictures as one sprite PNG (one header and palette for all, 3 KB less for 2-8-8-1 than seventeen PNGs),
     * each shown through a viewport of one picture's size placed in its neuron: the stylesheet clips the group in it
     * to the viewport's circle (svg .neuron-pictures g, clip-path: circle(50%) view-box).
     */
    private static Svg draw(Network network, Dataset dataset, Surface s, double left, double gap, double[][] ys,
                            double radius) {
        List<double[][]> grids = new ArrayList<>();
        List<double[]> ranges = new ArrayList<>();
        List<double[]> places = new ArrayList<>();
        for (int column = 1; column <= network.depth(); column++) {
            int l = column - 1;
            Activation act = network.layer(l).activation();
            boolean output = column == network.depth();
            if (output && !act.elementwise()) continue; // softmax: one picture per class says little here
            for (int j = 0; j < ys[column].length; j++) {
                double[][] grid = output ? s.output()[j] : s.neuron(l, j);
                grids.add(grid);
                ranges.add(output ? DecisionMapView.outputRange(act, dataset) : DecisionMapView.hiddenRange(act, grid));
                places.add(new double[] {left + column * gap - radius, ys[column][j] - radius});
            }
        }
        Svg g = Svg.el("g").withClass("neuron-pictures").attr("aria-hidden", "true");
        if (grids.isEmpty()) return g;
        int rows = grids.get(0).length;
        String columns = String.valueOf(grids.get(0)[0].length);
        g.with(Svg.el("defs").with(Svg.el("image").withId(SPRITE)
                .attr("href", HeatmapPng.spriteDataUri(grids, ranges, LEVELS))
                .attr("width", columns).attr("height", String.valueOf(grids.size() * (rows + 2)))));
        String size = Svg.n(2 * radius);
        String viewBox = "0 0 " + columns + " " + rows;
        for (int k = 0; k < grids.size(); k++) {
            g.with(Svg.el("svg").attr("x", Svg.n(places.get(k)[0])).attr("y", Svg.n(places.get(k)[1]))
                    .attr("width", size).attr("height", size).attr("viewBox", viewBox)
                    .with(Svg.el("g").with(Svg.el("use").attr("href", "#" + SPRITE)
                            .attr("y", String.valueOf(-(k * (rows + 2) + 1))))));
        }
        return g;
    }

    /** The sprite's id, short: every picture names it. */
    static final String SPRITE = "nps";

    /** For tests and benchmarks that draw the pictures afresh. */
    static void clearCache() {
        CACHE.clear();
    }
}

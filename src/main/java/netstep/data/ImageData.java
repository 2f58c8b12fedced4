package netstep.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * The image and multi-class datasets: the UCI handwritten digits (8×8, pixels 0–16) and Iris, read from resources
 * taken from Debian's python3-sklearn (credited in docs/datasets.md), and a generator of small grey shapes.
 * Labels become one-hot targets with one output per class.
 */
public final class ImageData {
    public static final int DIGITS_SIDE = 8;
    public static final int DIGIT_CLASSES = 10;
    public static final int IRIS_CLASSES = 3;

    /** The shape classes, in label order; a generator with n classes draws the first n. */
    public static final List<String> SHAPE_CLASSES = List.of("horizontal bar", "vertical bar", "diagonal", "ring", "cross");

    /** The iris species, in label order (sklearn's header line names them so). */
    public static final List<String> IRIS_CLASS_NAMES = List.of("setosa", "versicolor", "virginica");

    private ImageData() {
    }

    /**
     * The side of a built-in dataset's square grey images (digits, shapes), or 0 when its inputs are not an image:
     * another dataset, or a width that is not a square.
     */
    public static int side(String datasetId, int inputs) {
        if (!Datasets.DIGITS.equals(datasetId) && !Datasets.SHAPES.equals(datasetId)) return 0;
        int side = (int) Math.round(Math.sqrt(inputs));
        return side * side == inputs ? side : 0;
    }

    /**
     * The names of a built-in classification dataset's classes, output by output (digits "0" to "9", the iris
     * species, the shapes): what the page writes instead of y[1], y[2], …; empty for any other dataset.
     */
    public static java.util.Optional<List<String>> classNames(String datasetId, int outputs) {
        List<String> names = switch (datasetId == null ? "" : datasetId) {
            case Datasets.DIGITS -> List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
            case Datasets.IRIS -> IRIS_CLASS_NAMES;
            case Datasets.SHAPES -> outputs <= SHAPE_CLASSES.size() ? SHAPE_CLASSES.subList(0, outputs) : List.of();
            default -> List.of();
        };
        return names.size() == outputs ? java.util.Optional.of(names) : java.util.Optional.empty();
    }

    /** One labelled sample before it becomes (x, one-hot y). */
    public record Labelled(double[] x, int label) {
    }

    /** Read once: Datasets makes a fresh Dataset (which copies every row) from these each time. */
    private static final class Cache {
        static final List<Labelled> DIGITS = readDigits();
        static final List<Labelled> IRIS = readIris();
    }

    /** The 1,797 digits in file order, pixels scaled from 0–16 to [0, 1] (multiples of 1/16, exact in binary). */
    public static List<Labelled> digits() {
        return Cache.DIGITS;
    }

    /** The 150 irises; see {@link #readIris}. */
    public static List<Labelled> iris() {
        return Cache.IRIS;
    }

    private static List<Labelled> readDigits() {
        List<Labelled> out = new ArrayList<>();
        for (String line : lines("/datasets/digits.csv.gz", true)) {
            String[] cells = line.split(",");
            double[] x = new double[cells.length - 1];
            for (int i = 0; i < x.length; i++) x[i] = Double.parseDouble(cells[i]) / 16;
            out.add(new Labelled(x, (int) Double.parseDouble(cells[cells.length - 1])));
        }
        return List.copyOf(out);
    }

    /**
     * The 150 irises: sepal length and width, petal length and width (cm), each scaled to [0, 1] by its own
     * minimum and maximum over the 150 and rounded to two decimals; labels setosa 0, versicolor 1, virginica 2.
     */
    private static List<Labelled> readIris() {
        List<String> lines = lines("/datasets/iris.csv", false);
        // the first line is sklearn's header: "150,4,setosa,versicolor,virginica"
        List<double[]> raw = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            double[] x = new double[4];
            for (int i = 0; i < 4; i++) x[i] = Double.parseDouble(cells[i]);
            raw.add(x);
            labels.add(Integer.parseInt(cells[4].trim()));
        }
        double[] min = raw.get(0).clone();
        double[] max = raw.get(0).clone();
        for (double[] x : raw) {
            for (int i = 0; i < 4; i++) {
                min[i] = Math.min(min[i], x[i]);
                max[i] = Math.max(max[i], x[i]);
            }
        }
        List<Labelled> out = new ArrayList<>();
        for (int s = 0; s < raw.size(); s++) {
            double[] x = new double[4];
            for (int i = 0; i < 4; i++) x[i] = Math.round((raw.get(s)[i] - min[i]) / (max[i] - min[i]) * 100) / 100.0;
            out.add(new Labelled(x, labels.get(s)));
        }
        return List.copyOf(out);
    }

    /**
     * {@code size} grey side×side images of the first {@code classes} {@link #SHAPE_CLASSES}, in turn, each drawn
     * at a random position (a bar anywhere across the image, a ring or cross with its centre moved up to a
     * quarter of the side), with Gaussian noise of standard deviation {@code noise} added to every pixel and the
     * result clipped to [0, 1] and rounded to two decimals. Pixels are row by row.
     */
    public static List<Labelled> shapes(int side, int classes, int size, double noise, Random random) {
        if (side < 5 || side > 32) throw new IllegalArgumentException("shapes are 5×5 to 32×32 pixels, not " + side);
        if (classes < 2 || classes > SHAPE_CLASSES.size()) {
            throw new IllegalArgumentException("2 to " + SHAPE_CLASSES.size() + " shape classes, not " + classes);
        }
        List<Labelled> out = new ArrayList<>();
        for (int s = 0; s < size; s++) {
            int label = s % classes;
            double[][] image = new double[side][side];
            draw(label, image, random);
            double[] x = new double[side * side];
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    double v = image[r][c] + (noise > 0 ? noise * random.nextGaussian() : 0);
                    x[r * side + c] = Math.round(Math.min(1, Math.max(0, v)) * 100) / 100.0;
                }
            }
            out.add(new Labelled(x, label));
        }
        return out;
    }

    private static void draw(int label, double[][] image, Random random) {
        int side = image.length;
        int jitter = Math.max(1, side / 4);
        int cr = side / 2 + random.nextInt(2 * jitter + 1) - jitter;
        int cc = side / 2 + random.nextInt(2 * jitter + 1) - jitter;
        cr = Math.min(side - 2, Math.max(1, cr));
        cc = Math.min(side - 2, Math.max(1, cc));
        int length = side / 2 + random.nextInt(side / 2);
        switch (label) {
            case 0 -> {
                int start = random.nextInt(side - length + 1);
                for (int c = start; c < start + length; c++) image[cr][c] = 1;
            }
            case 1 -> {
                int start = random.nextInt(side - length + 1);
                for (int r = start; r < start + length; r++) image[r][cc] = 1;
            }
            case 2 -> {
                // top-left to bottom-right, moved sideways by up to a quarter of the side
                int shift = random.nextInt(2 * jitter + 1) - jitter;
                for (int r = 0; r < side; r++) {
                    int c = r + shift;
                    if (c >= 0 && c < side) image[r][c] = 1;
                }
            }
            case 3 -> {
                double radius = side / 4.0 + random.nextDouble() * side / 8.0;
                for (int r = 0; r < side; r++) {
                    for (int c = 0; c < side; c++) {
                        if (Math.abs(Math.hypot(r - cr, c - cc) - radius) < 0.5) image[r][c] = 1;
                    }
                }
            }
            case 4 -> {
                int arm = Math.max(1, side / 4 + random.nextInt(2));
                for (int d = -arm; d <= arm; d++) {
                    if (cc + d >= 0 && cc + d < side) image[cr][cc + d] = 1;
                    if (cr + d >= 0 && cr + d < side) image[cr + d][cc] = 1;
                }
            }
            default -> throw new AssertionError(label);
        }
    }

    /** Label c of n classes as the one-hot target y: 1 at c, 0 elsewhere. */
    public static double[] oneHot(int label, int classes) {
        double[] y = new double[classes];
        y[label] = 1;
        return y;
    }

    private static List<String> lines(String resource, boolean gzipped) {
        try (InputStream raw = ImageData.class.getResourceAsStream(resource)) {
            if (raw == null) throw new IllegalStateException("the resource " + resource + " is missing from the build");
            InputStream in = gzipped ? new GZIPInputStream(raw) : raw;
            List<String> lines = new ArrayList<>();
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
                for (String line; (line = reader.readLine()) != null; ) {
                    if (!line.isBlank()) lines.add(line.strip());
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}

package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import netstep.data.Dataset;
import netstep.engine.Evaluation;
import netstep.experiment.Pictures;
import netstep.engine.Loss;
import netstep.engine.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static j2html.TagCreator.*;

/**
 * "What the network computes" for class data (one-hot targets, two or more outputs): the accuracy on the training
 * and test samples and their confusion matrices, from one whole-dataset evaluation each ({@link Evaluation}).
 * A scatter of every output of every sample would be 14,000 dots for the digits.
 */
final class ClassView {
    private ClassView() {
    }

    /** True when every target is one-hot over two or more outputs. */
    static boolean isClassData(Dataset d) {
        if (d.outputs() < 2) return false;
        for (double[] y : d.ys()) {
            if (Loss.oneHotIndex(y) < 0) return false;
        }
        return true;
    }

    static DomContent computes(Pictures.Classes classes, Dataset d) {
        List<String> names = netstep.data.ImageData.classNames(d.id(), d.outputs()).orElse(List.of());
        Evaluation train = classes.train();
        Evaluation test = classes.test();
        return each(
                h3("What the network computes: classes"),
                p(text("The predicted class is the output with the largest score. Training accuracy "),
                        strong(percent(train)).withId("train-accuracy"),
                        text(" (" + correct(train) + " of " + train.samples() + ")"),
                        test == null ? text(".") : each(text("; test accuracy "), strong(percent(test)).withId("test-accuracy"),
                                text(" (" + correct(test) + " of " + test.samples() + ")."))).withClass("chart-text"),
                confusion(test != null ? test : train, test != null ? "test" : "training", true, names),
                test != null ? confusion(train, "training", false, names) : null);
    }

    /** Rows: the true class y; columns: the predicted class ŷ. The diagonal counts the right answers. */
    private static DomContent confusion(Evaluation e, String which, boolean open, List<String> names) {
        int classes = e.confusion().length;
        List<DomContent> head = new ArrayList<>();
        head.add(th("true ↓ / predicted →"));
        for (int k = 0; k < classes; k++) head.add(th(ImageView.className(names, k)));
        List<DomContent> rows = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            List<DomContent> cells = new ArrayList<>();
            cells.add(th(ImageView.className(names, c)));
            for (int k = 0; k < classes; k++) {
                cells.add(td(String.valueOf(e.count(c, k))).withCondClass(c == k, "diagonal")
                        .withCondClass(c != k && e.count(c, k) > 0, "confused"));
            }
            rows.add(tr(cells.toArray(DomContent[]::new)));
        }
        var details = details(summary("Confusion matrix, " + which + " samples"),
                div(table(thead(tr(head.toArray(DomContent[]::new))), tbody(rows.toArray(DomContent[]::new)))
                        .withClass("data confusion").withId("confusion-" + which)).withClass("scroll"));
        if (open) details.attr("open");
        return details;
    }

    private static int correct(Evaluation e) {
        int n = 0;
        for (int c = 0; c < e.confusion().length; c++) n += e.count(c, c);
        return n;
    }

    private static String percent(Evaluation e) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * e.accuracy());
    }
}

package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.SpanTag;
import j2html.tags.specialized.TableTag;
import j2html.tags.specialized.TdTag;
import netstep.engine.Mat;
import netstep.engine.Vec;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;

/** Matrices and vectors as bracketed tables, and equations laid out in a row that wraps on a phone. */
final class MathView {
    /** Beyond this many rows or columns a table shows its first {@link #SHOWN} and an ellipsis. */
    static final int FULL_LIMIT = 16;
    static final int SHOWN = 12;

    private MathView() {
    }

    static int shown(int n) {
        return n <= FULL_LIMIT ? n : SHOWN;
    }

    private static TableTag framed(List<DomContent> rows, int totalRows, int totalColumns, boolean column) {
        TableTag t = table(tbody(rows.toArray(DomContent[]::new))).withClass(column ? "matrix column" : "matrix");
        if (shown(totalRows) < totalRows || shown(totalColumns) < totalColumns) {
            t.withTitle(totalRows + "×" + totalColumns + ": showing the first " + shown(totalRows) + " rows and "
                    + shown(totalColumns) + " columns");
        }
        return t;
    }

    private static DomContent moreRows(int columns) {
        List<DomContent> cells = new ArrayList<>();
        for (int i = 0; i < columns; i++) cells.add(td("⋮").withClass("more"));
        return tr(cells.toArray(DomContent[]::new));
    }

    /** A value that overflowed (∞ or NaN): marked, so a diverged step reads as such and not as a number. */
    static TdTag overflow(double v) {
        return td("overflow").withClass("overflow").withTitle(Digits.DEFAULT.f(v));
    }

    private static TdTag plainCell(Digits d, double v) {
        return Double.isFinite(v) ? td(d.f(v)) : overflow(v);
    }

    /** One number in a cell, with the exact value on hover where the cell rounds it. */
    static TdTag cell(Digits d, double v) {
        if (!Double.isFinite(v)) return overflow(v);
        String shown = d.f(v);
        TdTag td = td(shown);
        return Num.isExact(shown, v) ? td : td.withTitle(Num.exact(v));
    }

    static TableTag matrix(Digits d, Mat m) {
        return matrix(d, m, null);
    }

    /** A matrix; {@code idPrefix}, if given, names each cell "{prefix}-{row}-{column}" (1-based). */
    static TableTag matrix(Digits d, Mat m, String idPrefix) {
        return matrix(d, m, idPrefix, true);
    }

    /**
     * A matrix without tooltips, where the same numbers are on the page with their exact values (the weight tables,
     * the update's old → new): a 2-8-8-1 forward pass would repeat 88 exact weights, about 2 KB.
     */
    static TableTag plainMatrix(Digits d, Mat m) {
        return matrix(d, m, null, false);
    }

    private static TableTag matrix(Digits d, Mat m, String idPrefix, boolean tips) {
        List<DomContent> rows = new ArrayList<>();
        int shownColumns = shown(m.columns());
        boolean clipped = shownColumns < m.columns();
        for (int j = 0; j < shown(m.rows()); j++) {
            List<DomContent> cells = new ArrayList<>();
            for (int i = 0; i < shownColumns; i++) {
                TdTag c = tips ? cell(d, m.get(j, i)) : plainCell(d, m.get(j, i));
                if (idPrefix != null) c.withId(idPrefix + "-" + (j + 1) + "-" + (i + 1));
                cells.add(c);
            }
            if (clipped) cells.add(td("⋯").withClass("more"));
            rows.add(tr(cells.toArray(DomContent[]::new)));
        }
        if (shown(m.rows()) < m.rows()) rows.add(moreRows(shownColumns + (clipped ? 1 : 0)));
        return framed(rows, m.rows(), m.columns(), false);
    }

    /** A column vector. */
    static TableTag column(Digits d, Vec v) {
        return column(d, v, null);
    }

    static TableTag column(Digits d, Vec v, String idPrefix) {
        return column(d, v, idPrefix, true);
    }

    /** A column vector without tooltips, where the same numbers are just beside it with their exact values. */
    static TableTag plainColumn(Digits d, Vec v) {
        return column(d, v, null, false);
    }

    private static TableTag column(Digits d, Vec v, String idPrefix, boolean tips) {
        List<DomContent> rows = new ArrayList<>();
        for (int j = 0; j < shown(v.size()); j++) {
            TdTag c = tips ? cell(d, v.get(j)) : plainCell(d, v.get(j));
            if (idPrefix != null) c.withId(idPrefix + "-" + (j + 1));
            rows.add(tr(c));
        }
        if (shown(v.size()) < v.size()) rows.add(moreRows(1));
        return framed(rows, v.size(), 1, true);
    }

    /** The bias trick: [W | b], with the bias column set apart. */
    static TableTag augmented(Digits d, Mat w, Vec b) {
        List<DomContent> rows = new ArrayList<>();
        int shownColumns = shown(w.columns());
        boolean clipped = shownColumns < w.columns();
        for (int j = 0; j < shown(w.rows()); j++) {
            List<DomContent> cells = new ArrayList<>();
            // no tooltips: the same numbers sit, with their exact values, in W and b beside it
            for (int i = 0; i < shownColumns; i++) cells.add(plainCell(d, w.get(j, i)));
            if (clipped) cells.add(td("⋯").withClass("more"));
            cells.add(plainCell(d, b.get(j)).withClass("bias-column"));
            rows.add(tr(cells.toArray(DomContent[]::new)));
        }
        if (shown(w.rows()) < w.rows()) rows.add(moreRows(shownColumns + (clipped ? 2 : 1)));
        return framed(rows, w.rows(), w.columns() + 1, false);
    }

    /** x with 1 appended. */
    static TableTag withOne(Digits d, Vec x) {
        List<DomContent> rows = new ArrayList<>();
        for (int i = 0; i < shown(x.size()); i++) rows.add(tr(cell(d, x.get(i))));
        if (shown(x.size()) < x.size()) rows.add(moreRows(1));
        rows.add(tr(td("1").withClass("bias-column")));
        return framed(rows, x.size() + 1, 1, true);
    }

    /** A labelled term such as "W₂" under or beside its table. */
    static DivTag labelled(String label, DomContent value) {
        return div(div(label).withClass("term-label"), value).withClass("term");
    }

    static SpanTag op(String symbol) {
        return span(symbol).withClass("op");
    }

    /** An equation: its parts side by side, wrapping when the screen is narrow. */
    static DivTag equation(DomContent... parts) {
        return div(parts).withClass("equation");
    }

    /** A symbol with a layer subscript: sym("a", 2) → a₂. */
    static String sym(String name, int layer) {
        return name + Num.sub(layer);
    }
}

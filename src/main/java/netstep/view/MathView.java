package netstep.view;

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
    private MathView() {
    }

    /** One number in a cell, with the exact value on hover. */
    static TdTag cell(double v) {
        return td(Num.f(v)).withTitle(Num.exact(v));
    }

    static TableTag matrix(Mat m) {
        return matrix(m, null);
    }

    /** A matrix; {@code idPrefix}, if given, names each cell "{prefix}-{row}-{column}" (1-based). */
    static TableTag matrix(Mat m, String idPrefix) {
        List<DomContent> rows = new ArrayList<>();
        for (int j = 0; j < m.rows(); j++) {
            List<DomContent> cells = new ArrayList<>();
            for (int i = 0; i < m.columns(); i++) {
                TdTag c = cell(m.get(j, i));
                if (idPrefix != null) c.withId(idPrefix + "-" + (j + 1) + "-" + (i + 1));
                cells.add(c);
            }
            rows.add(tr(cells.toArray(DomContent[]::new)));
        }
        return table(tbody(rows.toArray(DomContent[]::new))).withClass("matrix");
    }

    /** A column vector. */
    static TableTag column(Vec v) {
        return column(v, null);
    }

    static TableTag column(Vec v, String idPrefix) {
        List<DomContent> rows = new ArrayList<>();
        for (int j = 0; j < v.size(); j++) {
            TdTag c = cell(v.get(j));
            if (idPrefix != null) c.withId(idPrefix + "-" + (j + 1));
            rows.add(tr(c));
        }
        return table(tbody(rows.toArray(DomContent[]::new))).withClass("matrix column");
    }

    /** The bias trick: [W | b], with the bias column set apart. */
    static TableTag augmented(Mat w, Vec b) {
        List<DomContent> rows = new ArrayList<>();
        for (int j = 0; j < w.rows(); j++) {
            List<DomContent> cells = new ArrayList<>();
            for (int i = 0; i < w.columns(); i++) cells.add(cell(w.get(j, i)));
            cells.add(cell(b.get(j)).withClass("bias-column"));
            rows.add(tr(cells.toArray(DomContent[]::new)));
        }
        return table(tbody(rows.toArray(DomContent[]::new))).withClass("matrix");
    }

    /** x with 1 appended. */
    static TableTag withOne(Vec x) {
        List<DomContent> rows = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) rows.add(tr(cell(x.get(i))));
        rows.add(tr(td("1").withClass("bias-column")));
        return table(tbody(rows.toArray(DomContent[]::new))).withClass("matrix column");
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

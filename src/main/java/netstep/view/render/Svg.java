package netstep.view.render;

import j2html.tags.ContainerTag;


/**
 * SVG elements for j2html. Every element is written with a closing tag: inside HTML, an SVG element
 * without one would swallow its siblings.
 */
public final class Svg extends ContainerTag<Svg> {
    private Svg(String name) {
        super(name);
    }

    public static Svg el(String name) {
        return new Svg(name);
    }

    /** A root svg element scaled to its container, with a title and description for screen readers. */
    public static Svg root(String id, double width, double height, String title, String description) {
        return el("svg").withId(id).attr("viewBox", "0 0 " + n(width) + " " + n(height))
                .attr("xmlns", "http://www.w3.org/2000/svg").attr("role", "img")
                .attr("aria-labelledby", id + "-title " + id + "-desc")
                .with(el("title").withId(id + "-title").withText(title),
                        el("desc").withId(id + "-desc").withText(description));
    }

    public static Svg line(double x1, double y1, double x2, double y2) {
        return line(n(x1), n(y1), n(x2), n(y2));
    }

    /** A line from coordinates already written by {@link #n}. */
    public static Svg line(String x1, String y1, String x2, String y2) {
        return el("line").attr("x1", x1).attr("y1", y1).attr("x2", x2).attr("y2", y2);
    }

    public static Svg circle(double cx, double cy, double r) {
        return el("circle").attr("cx", n(cx)).attr("cy", n(cy)).attr("r", n(r));
    }

    public static Svg rect(double x, double y, double w, double h) {
        return el("rect").attr("x", n(x)).attr("y", n(y)).attr("width", n(w)).attr("height", n(h));
    }

    public static Svg text(double x, double y, String content) {
        return el("text").attr("x", n(x)).attr("y", n(y)).withText(content);
    }

    public static Svg title(String content) {
        return el("title").withText(content);
    }

    /**
     * A rendered group ({@code <g ...>...</g>}) that a step's answer may leave out when the page already shows it
     * (htmx 2 hx-preserve): its id names its content ({@code prefix-} and a hash of it), so a page that shows
     * something else finds no element to keep, and netstep.js fetches the panel whole instead of showing stale parts.
     * {@code kept} gives the empty placeholder; otherwise the group, the id added to its start tag.
     */
    public static String preservable(String prefix, String group, boolean kept) {
        String id = prefix + "-" + Integer.toHexString(group.hashCode());
        if (kept) return placeholder(id);
        int end = group.indexOf('>');
        return group.substring(0, end) + " id=\"" + id + "\"" + group.substring(end);
    }

    /** The empty group standing for the page's own element {@code id}, which htmx keeps in its place. */
    public static String placeholder(String id) {
        return "<g id=\"" + id + "\" hx-preserve=\"true\"></g>";
    }

    /** No picture is wider than this: farther coordinates are clamped, so none is written with 300 digits. */
    public static final double MAX_COORDINATE = 1e6;

    /** Coordinates with two decimals: enough on screen, and small pages. */
    public static String n(double v) {
        // a coordinate from an overflowed value: NaN at the origin, the rest clamped far off the picture
        if (Double.isNaN(v)) return "0";
        if (Math.abs(v) > MAX_COORDINATE) v = Math.copySign(MAX_COORDINATE, v);
        if (v == Math.rint(v) && Math.abs(v) < 1e9) return Long.toString((long) v);
        String quick = twoDecimalsQuickly(v);
        return quick != null ? quick : Decimal.fixed(v, 2);
    }

    /**
     * {@link Decimal#fixed}(v, 2) in integer arithmetic for |v| < 10⁷, or null when v·100 is too close to a rounding
     * tie to be sure of agreeing with the decimal rounding. A diagram writes hundreds of coordinates.
     */
    public static String twoDecimalsQuickly(double v) {
        double scaled = Math.abs(v) * 100;
        if (!(scaled < 1e9)) return null;
        double fraction = scaled - Math.floor(scaled);
        if (Math.abs(fraction - 0.5) < 1e-6) return null;
        long units = Math.round(scaled);
        StringBuilder out = new StringBuilder(12);
        if (v < 0) out.append('-'); // as the Formatter: -0.001 is "-0.00"
        out.append(units / 100).append('.');
        int cents = (int) (units % 100);
        if (cents < 10) out.append('0');
        return out.append(cents).toString();
    }
}

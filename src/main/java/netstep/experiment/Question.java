package netstep.experiment;

import netstep.engine.StepTrace;

import java.util.List;
import java.util.Locale;

/**
 * A lesson's prediction question, asked before {@code before} is shown: the student predicts, then the phase
 * reveals the number. The right answer is read from the step's trace ({@link TraceRef}); nothing is recomputed.
 *
 * @param about     the number asked about (number and sign kinds); null for a choice
 * @param tolerance a number answer within this of the trace's is right; a sign answer calls |v| ≤ tolerance "0"
 * @param options   a choice's options; empty for the other kinds
 * @param answer    a fixed choice's right option, or -1 when the options name numbers and the largest in size wins
 */
public record Question(Phase before, Kind kind, TraceRef about, double tolerance, String prompt,
                       List<Option> options, int answer) {

    public enum Kind {
        NUMBER("number"), SIGN("sign"), CHOICE("choice");

        public final String id;

        Kind(String id) {
            this.id = id;
        }

        public static Kind fromId(String id) {
            for (Kind k : values()) if (k.id.equals(id)) return k;
            throw new InvalidInput("kind must be number, sign or choice, not \"" + id + "\"");
        }
    }

    /** @param about the number this option stands for ("which weight changes most?"), or null */
    public record Option(String label, TraceRef about) {
    }

    /** The signs a student can answer, as the page offers them. */
    public static final List<String> SIGNS = List.of("+", "−", "0");

    public Question {
        options = List.copyOf(options);
    }

    /** The right answer for this step: a number, a sign ("+", "−", "0") or an option's index. */
    public Right right(StepTrace trace) {
        return switch (kind) {
            case NUMBER -> new Right(about.valueIn(trace), null, -1);
            case SIGN -> {
                double v = about.valueIn(trace);
                yield new Right(v, Math.abs(v) <= tolerance ? "0" : v > 0 ? "+" : "−", -1);
            }
            case CHOICE -> {
                if (answer >= 0) yield new Right(Double.NaN, null, answer);
                int best = 0;
                for (int i = 1; i < options.size(); i++) {
                    if (Math.abs(options.get(i).about().valueIn(trace))
                            > Math.abs(options.get(best).about().valueIn(trace))) best = i;
                }
                yield new Right(Double.NaN, null, best);
            }
        };
    }

    /**
     * The student's answer checked against this step's trace; {@code given} null is a skip.
     * @throws InvalidInput when the answer is not one this kind accepts (not a number, an unknown sign or option)
     */
    public Answer check(String given, StepTrace trace) {
        Right right = right(trace);
        if (given == null) return new Answer(this, null, Double.NaN, -1, right, false, false);
        String g = given.strip();
        return switch (kind) {
            case NUMBER -> {
                double v = number(g);
                yield new Answer(this, g, v, -1, right, Math.abs(v - right.value()) <= tolerance, false);
            }
            case SIGN -> {
                String sign = sign(g);
                yield new Answer(this, sign, Double.NaN, -1, right, sign.equals(right.sign()), false);
            }
            case CHOICE -> {
                int option = option(g);
                yield new Answer(this, options.get(option).label(), Double.NaN, option, right,
                        option == right.option(), false);
            }
        };
    }

    /** The right answer shown without the student's: the instructor revealed it to the class before they answered. */
    public Answer revealed(StepTrace trace) {
        return new Answer(this, null, Double.NaN, -1, right(trace), false, true);
    }

    /** A typed number: a decimal point or comma, a typographic minus, within the app's bounds. */
    public static double number(String typed) {
        String t = typed.replace('−', '-').replace(',', '.').strip();
        try {
            if (t.length() > 40) throw new NumberFormatException();
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v) || Math.abs(v) > netstep.engine.Bounds.MAX_MAGNITUDE) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidInput("\"" + clip(typed) + "\" is not a number; type one like 0.25 or -1.5");
        }
    }

    private static String sign(String typed) {
        return switch (typed.toLowerCase(Locale.ROOT)) {
            case "+", "plus", "positive" -> "+";
            case "-", "−", "minus", "negative" -> "−";
            case "0", "zero" -> "0";
            default -> throw new InvalidInput("\"" + clip(typed) + "\" is not a sign: answer +, − or 0");
        };
    }

    private int option(String typed) {
        try {
            int i = Integer.parseInt(typed);
            if (i >= 0 && i < options.size()) return i;
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidInput("\"" + clip(typed) + "\" is not one of the " + options.size() + " options");
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** @param sign for a sign question; @param option for a choice */
    public record Right(double value, String sign, int option) {
    }

    /**
     * A student's answer beside the right one.
     * @param given    what they answered as the page shows it (the option's label for a choice), null when skipped
     *                 or revealed
     * @param revealed the instructor revealed the answer before the student gave one: neither right nor skipped,
     *                 and left out of the score
     */
    public record Answer(Question question, String given, double number, int option, Right right, boolean correct,
                         boolean revealed) {
        public boolean skipped() {
            return given == null && !revealed;
        }

        /** The answer as {@link #check} reads it again (a choice by its option's index); null when none was given. */
        public String typed() {
            if (given == null) return null;
            return question.kind() == Kind.CHOICE ? Integer.toString(option) : given;
        }
    }
}

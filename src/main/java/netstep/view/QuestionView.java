package netstep.view;

import j2html.tags.DomContent;
import j2html.tags.specialized.FormTag;
import j2html.tags.specialized.SectionTag;
import netstep.experiment.Experiment;
import netstep.experiment.Question;
import netstep.view.render.Num;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static j2html.TagCreator.*;

/**
 * Predict, then reveal: the lesson's question the page asks before it shows a phase, and after the reveal the
 * student's answers beside the right ones with their running score. The right answers come from the experiment's
 * checked answers (read from the trace); this only prints them. Empty, but present for htmx to swap, in free play.
 */
public final class QuestionView {
    public static final String ID = "quiz";

    private QuestionView() {
    }

    public static SectionTag panel(Experiment e) {
        SectionTag panel = section().withId(ID);
        List<Question> questions = e.questions();
        if (questions.isEmpty()) return panel.withClass("quiz-none");
        panel.withClass("panel quiz").attr("aria-live", "polite");
        e.awaiting().ifPresent(q -> panel.with(ask(questions.get(q), q, DiagramView.oneWeight(e.network()))));
        Map<Integer, Question.Answer> answers = e.answers();
        if (!answers.isEmpty()) {
            List<DomContent> rows = new ArrayList<>();
            answers.forEach((q, a) -> rows.add(result(q, a)));
            panel.with(h3("Your predictions in this step"), ul(rows.toArray(DomContent[]::new)).withId("quiz-answers"));
        }
        panel.with(p(text("Score for this lesson: "), strong(e.scoreRight() + " of " + e.scoreAsked()).withId("quiz-score"),
                text(" right"), text(anyRevealed(answers) ? " (a question your instructor revealed does not count)" : ""))
                .withClass("quiz-score"));
        return panel;
    }

    private static boolean anyRevealed(Map<Integer, Question.Answer> answers) {
        return answers.values().stream().anyMatch(Question.Answer::revealed);
    }

    /** The question, with a field for the prediction and a way to skip it. */
    private static FormTag ask(Question question, int index, boolean oneWeight) {
        DomContent field = switch (question.kind()) {
            case NUMBER -> symbol(question.about(), oneWeight) == null ? numberField()
                    : label(text(symbol(question.about(), oneWeight) + " = "), numberField()).withClass("quiz-symbol");
            case SIGN -> choices(Question.SIGNS, Question.SIGNS);
            case CHOICE -> {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < question.options().size(); i++) values.add(Integer.toString(i));
                yield choices(values, question.options().stream().map(Question.Option::label).toList());
            }
        };
        return form(
                h3("Predict first"),
                p(question.prompt()).withId("quiz-prompt").withClass("quiz-prompt"),
                p("The " + question.before().label + " phase opens once you answer"
                        + (question.kind() == Question.Kind.NUMBER ? " (right within " + Num.f(question.tolerance()) + ")" : "")
                        + ", or skip.").withClass("hint"),
                input().withType("hidden").withName("question").withValue(Integer.toString(index)),
                div(field).withClass("quiz-field"),
                div(button("Answer").withType("submit").withName("action").withValue("answer").withClass("primary")
                                .withId("quiz-submit"),
                        button("Skip").withType("submit").withName("action").withValue("skip").withId("quiz-skip")
                                .attr("formnovalidate"))
        ).withId("quiz-form").withMethod("post").withAction("/answer").attr("hx-post", "/answer")
                .attr("hx-swap", "none");
    }

    private static DomContent numberField() {
        return input().withType("text").withName("answer").withId("quiz-answer").attr("inputmode", "decimal")
                .attr("autocomplete", "off").isRequired().attr("aria-labelledby", "quiz-prompt");
    }

    /**
     * What a number question asks for, as the lecture writes it beside its field: "w = ___" for the one weight of
     * y = wx, W₂[1,3] or b₁[2] after the update, a₁[1] or f₂[3] in the forward pass; null for the others.
     */
    static String symbol(netstep.experiment.TraceRef about, boolean oneWeight) {
        if (about == null || about.part() == null) return null;
        String at = "[" + (about.row() + 1) + (about.field().equals("W") ? "," + (about.column() + 1) : "") + "]";
        return switch (about.part() + "." + about.field()) {
            case "update.W" -> oneWeight ? "w" : MathView.sym("W", about.layer() + 1) + at;
            case "update.b" -> MathView.sym("b", about.layer() + 1) + at;
            case "forward.a", "forward.f" -> MathView.sym(about.field(), about.layer() + 1) + at;
            default -> null;
        };
    }

    private static DomContent choices(List<String> values, List<String> labels) {
        List<DomContent> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String id = "quiz-option-" + i;
            out.add(label(input().withType("radio").withName("answer").withValue(values.get(i)).withId(id)
                    .condAttr(i == 0, "required", null), text(" " + labels.get(i))).attr("for", id).withClass("quiz-option"));
        }
        return fieldset(out.toArray(DomContent[]::new)).attr("aria-labelledby", "quiz-prompt");
    }

    private static DomContent result(int index, Question.Answer a) {
        String right = switch (a.question().kind()) {
            case NUMBER -> Num.f(a.right().value());
            case SIGN -> a.right().sign() + " (" + Num.f(a.right().value()) + ")";
            case CHOICE -> a.question().options().get(a.right().option()).label();
        };
        String verdict = a.revealed() ? "not answered (revealed by your instructor)" : a.skipped() ? "skipped"
                : a.correct() ? "right" : "not quite";
        return li(
                span(a.question().prompt()).withClass("quiz-q"),
                span(text("You: "), strong(a.given() == null ? "—" : a.given()).withClass("quiz-given")),
                span(text("Right: "), strong(right).withClass("quiz-right")),
                span(verdict).withClass("quiz-verdict " + (a.correct() ? "ok" : a.revealed() ? "revealed" : "miss"))
        ).withId("quiz-result-" + index);
    }

    /**
     * The chart of what the network computes shows ŷ of every sample: while a question is asked it waits, so the
     * prediction is the student's own. A lesson with questions sends it with every step's answer.
     */
    static j2html.tags.Tag<?> computes(Experiment e) {
        return computes(e, false);
    }

    /** With {@code samplesKept}, the page's own samples stay on the map (see {@link ComputesView}). */
    static j2html.tags.Tag<?> computes(Experiment e, boolean samplesKept) {
        if (e.awaiting().isEmpty()) return ChartView.computes(e, samplesKept);
        return div(h2("What the network computes"),
                p("Hidden while you predict: it would show the answer. It returns with the next phase.").withClass("hint"))
                .withId("computes").withClass("panel chart-panel");
    }
}

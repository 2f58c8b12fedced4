package netstep.view;

import j2html.tags.DomContent;
import j2html.tags.specialized.DivTag;
import j2html.tags.specialized.SectionTag;
import netstep.classroom.ClassRepository;
import netstep.classroom.Classroom;
import netstep.experiment.Question;
import netstep.view.render.Num;
import netstep.view.render.QrCode;
import netstep.view.render.Svg;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static j2html.TagCreator.*;

/**
 * The instructor's pages at /teach: how to turn class mode on, the sign-in, the class with its code shown large
 * with a QR code for the projector, and the dashboard (students, their lesson and phase, the spread of the class's
 * answers, their loss curves) that htmx polls. Names appear here only.
 */
public final class TeachPage {
    /** How often the dashboard asks for fresh figures: the "every few seconds", as the load test measures it. */
    public static final String POLL = "every 2s";

    private TeachPage() {
    }

    public static String off() {
        return Layout.page("netstep: class mode", section(
                h2("Class mode is off"),
                p("To lead a class (students join with a code, predict before each phase, and you see their answers "
                        + "and loss curves here), start the server with an instructor password:"),
                pre("NETSTEP_INSTRUCTOR_PASSWORD='a long phrase only you know' java -jar target/netstep.jar"),
                p("Then open /teach again and sign in with it. docs/class-mode.md has the details."),
                p(a("Back to the stepper").withHref("/"))
        ).withClass("panel").withId("teach-off"));
    }

    public static String signIn(String error) {
        return Layout.page("netstep: instructor sign-in", section(
                h2("Instructor sign-in"),
                error == null ? null : p(error).withClass("error").withId("sign-in-error").attr("role", "alert"),
                form(
                        label(text("Instructor password "), input().withType("password").withName("password")
                                .withId("teach-password").attr("autocomplete", "current-password").isRequired())
                                .attr("for", "teach-password"),
                        button("Sign in").withType("submit").withClass("primary").withId("teach-sign-in")
                ).withMethod("post").withAction("/teach/sign-in").withId("sign-in-form"),
                p(a("Back to the stepper").withHref("/"))
        ).withClass("panel").withId("teach-sign-in-panel"));
    }

    public static String home() {
        return Layout.page("netstep: teach", section(
                h2("Teach"),
                form(button("Open a class").withType("submit").withClass("primary").withId("open-class"))
                        .withMethod("post").withAction("/teach/open"),
                form(label(text("Go to the open class "), input().withType("text").withName("code").withId("goto-code")
                                .attr("maxlength", "12")).attr("for", "goto-code"),
                        button("Go").withType("submit")).withMethod("get").withAction("/teach/class"),
                form(button("Sign out").withType("submit")).withMethod("post").withAction("/teach/sign-out")
        ).withClass("panel").withId("teach-home"));
    }

    /** A lesson the class can be sent to: its id and title. */
    public record LessonChoice(String id, String title) {
    }

    /** The class's page: the code large, the link and its QR code, the controls, and the polled dashboard. */
    public static String classPage(ClassRepository.ClassState c, String joinLink, List<LessonChoice> lessons,
                                   DivTag dashboard) {
        List<DomContent> options = new ArrayList<>();
        for (LessonChoice l : lessons) {
            options.add(option(l.title()).withValue(l.id()).condAttr(l.id().equals(c.lessonId()), "selected", "selected"));
        }
        return Layout.page("netstep: class " + c.code(), section(
                h2("Class"),
                div(
                        p(text("Join at "), strong(joinLink).withId("join-link"), text(" with the code")),
                        p(c.code()).withId("join-code-big").withClass("join-code-big"),
                        div(QrCode.svg("join-qr", joinLink, "QR code of the join link")).withClass("join-qr")
                ).withClass("join-projector"),
                c.closed() ? p("This class is closed.").withId("class-closed") : div(
                        form(label(text("Send the class to "), select(options.toArray(DomContent[]::new))
                                        .withName("lesson").withId("send-lesson")).attr("for", "send-lesson"),
                                button("Send").withType("submit").withId("send-submit").withClass("primary"))
                                .withMethod("post").withAction("/teach/class/" + c.code() + "/send").withId("send-form"),
                        form(button("Close the class for everyone").withType("submit").withId("close-class"))
                                .withMethod("post").withAction("/teach/class/" + c.code() + "/close")
                ).withClass("teach-controls"),
                p(a("Export the answers (CSV)").withHref("/teach/class/" + c.code() + "/answers.csv")
                        .withId("export-answers").attr("download", "netstep-class-" + c.code() + ".csv"),
                        text(" · "), a("Teach home").withHref("/teach")),
                dashboard
        ).withClass("panel teach").withId("teach-class"));
    }

    /** What the dashboard shows; every figure is counted by the caller. */
    public record Dashboard(ClassRepository.ClassState state, List<ClassRepository.Member> members, String lessonTitle,
                            List<Question> questions, Map<Integer, Classroom.Distribution> answers,
                            Map<String, String> lessonTitles) {
    }

    public static DivTag dashboard(Dashboard d) {
        String code = d.state().code();
        DivTag box = div().withId("dashboard").withClass("dashboard");
        if (!d.state().closed()) {
            box.attr("hx-get", "/teach/class/" + code + "/dashboard").attr("hx-trigger", POLL).attr("hx-swap", "outerHTML");
        }
        int n = d.members().size();
        box.with(h3(text("Students: "), strong(String.valueOf(n)).withId("student-count")));
        if (d.lessonTitle() != null) box.with(p(text("Current lesson: "), strong(d.lessonTitle()).withId("current-lesson")));
        List<DomContent> rows = new ArrayList<>();
        for (ClassRepository.Member m : d.members()) {
            ClassRepository.Progress p = m.progress();
            rows.add(tr(td(m.name().isEmpty() ? "(no name)" : m.name()),
                    td(p.lessonId() == null ? "free play" : d.lessonTitles().getOrDefault(p.lessonId(), p.lessonId())),
                    td(p.phase() == null ? "—" : p.phase()), td(String.valueOf(p.steps()))));
        }
        box.with(table(thead(tr(th("Name"), th("Lesson"), th("Phase"), th("Steps"))),
                tbody(rows.toArray(DomContent[]::new))).withId("students").withClass("students"));
        for (int q = 0; q < d.questions().size(); q++) {
            box.with(question(code, q, d.questions().get(q), d.answers().get(q), n, d.state()));
        }
        box.with(lossCurves(d.members()));
        return box;
    }

    private static SectionTag question(String code, int index, Question question, Classroom.Distribution dist,
                                       int students, ClassRepository.ClassState state) {
        SectionTag s = section().withId("question-" + index).withClass("class-question");
        s.with(h4("Question " + (index + 1) + " (before " + question.before().label + "): " + question.prompt()));
        int answered = dist == null ? 0 : dist.answered();
        s.with(p(strong(String.valueOf(answered)).withClass("answered-count"), text(" of " + students + " answered")));
        if (dist != null && !dist.counts().isEmpty()) {
            int most = dist.counts().values().stream().mapToInt(Integer::intValue).max().orElse(1);
            List<DomContent> bars = new ArrayList<>();
            dist.counts().forEach((label, count) -> bars.add(li(
                    span(label).withClass("bar-label"),
                    meter().attr("min", "0").attr("max", String.valueOf(most)).attr("value", String.valueOf(count))
                            .withTitle(count + " answered " + label),
                    span(String.valueOf(count)).withClass("bar-count"))));
            s.with(ul(bars.toArray(DomContent[]::new)).withClass(question.kind() == Question.Kind.NUMBER
                    ? "histogram" : "counts").withId("distribution-" + index));
        }
        if (!state.closed()) {
            boolean revealed = state.revealQuestion() == index;
            s.with(form(input().withType("hidden").withName("question").withValue(String.valueOf(index)),
                    button(revealed ? "Revealed to everyone (again)" : "Reveal to everyone").withType("submit")
                            .withId("reveal-" + index))
                    .withMethod("post").withAction("/teach/class/" + code + "/reveal")
                    .attr("hx-post", "/teach/class/" + code + "/reveal").attr("hx-target", "#dashboard")
                    .attr("hx-swap", "outerHTML"));
        }
        return s;
    }

    /** Every student's mean loss on their current lesson, overlaid on one chart (one line a student). */
    private static DomContent lossCurves(List<ClassRepository.Member> members) {
        double width = 480;
        double height = 180;
        double top = Double.NEGATIVE_INFINITY;
        int longest = 1;
        List<double[]> curves = new ArrayList<>();
        for (ClassRepository.Member m : members) {
            double[] losses = Classroom.losses(m.progress().losses());
            curves.add(losses);
            for (double v : losses) top = Math.max(top, v);
            longest = Math.max(longest, losses.length);
        }
        if (!(top > 0)) return p("No loss curves yet: they appear as students step.").withId("loss-curves");
        Svg svg = Svg.root("loss-curves-svg", width, height, "Loss curves of the class",
                "Each student's mean training loss over their recent steps, overlaid");
        svg.with(Svg.rect(0, 0, width, height).attr("fill", "none").attr("stroke", "#999"));
        for (double[] c : curves) {
            if (c.length < 2) continue;
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < c.length; i++) {
                double x = width * i / (longest - 1);
                double y = height - height * Math.min(c[i], top) / top;
                points.append(Svg.n(x)).append(',').append(Svg.n(y)).append(' ');
            }
            svg.with(Svg.el("polyline").attr("points", points.toString().trim()).attr("fill", "none")
                    .attr("stroke", "#542788").attr("stroke-opacity", "0.5"));
        }
        return div(h4(text("Loss curves (0 to " + Num.f(top) + ")")), svg).withId("loss-curves").withClass("loss-curves");
    }
}

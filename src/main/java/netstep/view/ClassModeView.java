package netstep.view;

import j2html.tags.specialized.DivTag;
import netstep.classroom.ClassRepository;
import netstep.classroom.Classroom;
import netstep.classroom.JoinCode;

import static j2html.TagCreator.*;

/** The student's side of class mode: the join page and the class line on the stepper that polls for the instructor. */
public final class ClassModeView {
    public static final String STATUS_ID = "class-status";
    /** How often a student's page asks whether the instructor sent the class somewhere. */
    public static final String POLL = "every 3s";
    private ClassModeView() {
    }

    /** The stepper's placeholder: it asks once whether this browser is in a class (without class mode: nothing). */
    public static DivTag placeholder(boolean classMode) {
        if (!classMode) return null;
        return div().withId(STATUS_ID).attr("hx-get", "/class/status").attr("hx-trigger", "load")
                .attr("hx-swap", "outerHTML");
    }

    /** Not in a class: nothing, and no more polling. */
    public static DivTag none() {
        return div().withId(STATUS_ID);
    }

    /**
     * In a class: its code, a way to leave, and what the instructor asks for. {@code sentLessonId} (with its title)
     * is the lesson the instructor opened when this student has not opened it yet.
     */
    public static DivTag inClass(ClassRepository.Member member, String sentLessonId, String sentLessonTitle) {
        DivTag line = div().withId(STATUS_ID).withClass("panel class-status").attr("hx-get", "/class/status")
                .attr("hx-trigger", POLL).attr("hx-swap", "outerHTML").attr("aria-live", "polite");
        line.with(p(text("You are in class "), strong(member.code()).withClass("join-code-small"),
                member.name().isEmpty() ? null : text(" as " + member.name()), text(". "),
                form(button("Leave the class").withType("submit").withId("leave-class")).withMethod("post")
                        .withAction("/class/leave").withClass("inline-form")));
        if (sentLessonId != null) {
            line.with(form(
                    text("Your instructor opened “" + sentLessonTitle + "” — "),
                    input().withType("hidden").withName("lesson").withValue(sentLessonId),
                    button("open it").withType("submit").withId("open-sent-lesson").withClass("primary")
            ).withMethod("post").withAction("/lesson").withId("sent-lesson"));
        }
        return line;
    }

    /** GET /join: the code (filled in from a link), an optional name, and whether to follow the instructor. */
    public static String joinPage(boolean on, String code, String error) {
        if (!on) {
            return Layout.page("netstep: join a class", section(h2("Join a class"),
                    p("Class mode is off on this server: the instructor turns it on by setting "
                            + "NETSTEP_INSTRUCTOR_PASSWORD. The stepper works on its own meanwhile."),
                    p(a("Back to the stepper").withHref("/"))).withClass("panel").withId("join"));
        }
        return Layout.page("netstep: join a class", section(
                h2("Join a class"),
                p("Type the code on the projector. No account is needed; the name is optional and only your "
                        + "instructor sees it."),
                error == null ? null : p(error).withClass("error").withId("join-error").attr("role", "alert"),
                form(
                        label(text("Class code "), input().withType("text").withName("code").withId("join-code")
                                .withValue(code == null ? "" : code).attr("maxlength", "12").attr("autocomplete", "off")
                                .attr("autocapitalize", "characters").isRequired()).attr("for", "join-code"),
                        label(text("Your name (optional) "), input().withType("text").withName("name").withId("join-name")
                                .attr("maxlength", String.valueOf(Classroom.MAX_NAME))).attr("for", "join-name"),
                        label(input().withType("checkbox").withName("follow").withValue("on").withId("join-follow"),
                                text(" Follow the instructor: open the lessons they send at once")).attr("for", "join-follow"),
                        button("Join").withType("submit").withClass("primary").withId("join-submit")
                ).withMethod("post").withAction("/join").withId("join-form"),
                p(text("The code has " + JoinCode.LENGTH + " letters. "), a("Back to the stepper").withHref("/"))
        ).withClass("panel").withId("join"));
    }
}

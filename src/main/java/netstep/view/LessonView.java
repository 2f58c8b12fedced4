package netstep.view;

import netstep.view.render.*;

import j2html.tags.DomContent;
import j2html.tags.specialized.FormTag;
import j2html.tags.specialized.SectionTag;
import j2html.tags.specialized.SelectTag;
import netstep.experiment.Tailoring;
import netstep.lesson.Lesson;
import netstep.lesson.LessonLibrary;

import java.util.ArrayList;
import java.util.List;

import static j2html.TagCreator.*;

/** The lesson menu, and the open lesson's title, explanation and variants. */
final class LessonView {
    private LessonView() {
    }

    static FormTag menu(LessonLibrary library, Tailoring open) {
        String current = open == null ? "" : open.lessonId();
        SelectTag select = select().withName("lesson").withId("lesson");
        select.with(option("Free play (no lesson)").withValue("").withCondSelected(current.isEmpty()));
        if (library != null) {
            for (Lesson lesson : library.lessons()) {
                select.with(option(lesson.title()).withValue(lesson.id()).withCondSelected(lesson.id().equals(current)));
            }
            // a broken file is the instructor's to fix: the log and GET /api/lessons name it, not the students' menu
        }
        return form(label("Lesson ").attr("for", "lesson"), select, text(" "), button("Open").withType("submit"))
                .withId("lesson-form").withClass("lesson-menu").withMethod("post").withAction("/lesson")
                .attr("hx-post", "/lesson").attr("hx-target", "#app").attr("hx-swap", "outerHTML");
    }

    static SectionTag lesson(Tailoring t) {
        if (t == null) return null;
        List<DomContent> paragraphs = new ArrayList<>();
        for (String paragraph : t.explanation().split("\\n\\s*\\n")) {
            if (!paragraph.isBlank()) paragraphs.add(p(paragraph.strip()));
        }
        SectionTag section = section(h2(t.title()), div(paragraphs.toArray(DomContent[]::new)).withClass("explanation"))
                .withId("lesson-panel").withClass("panel lesson");
        if (t.variants().size() > 1) {
            List<DomContent> buttons = new ArrayList<>();
            for (int v = 0; v < t.variants().size(); v++) {
                var b = button(t.variants().get(v)).withType("submit").withName("variant").withValue(String.valueOf(v));
                if (v == t.variant()) b.withClass("current").attr("aria-pressed", "true");
                buttons.add(b);
            }
            section.with(form(input().withType("hidden").withName("lesson").withValue(t.lessonId()),
                    span("Variant: "), each(buttons.toArray(DomContent[]::new)))
                    .withId("variant-form").withClass("variants").withMethod("post").withAction("/lesson")
                    .attr("hx-post", "/lesson").attr("hx-target", "#app").attr("hx-swap", "outerHTML"));
        }
        return section;
    }
}

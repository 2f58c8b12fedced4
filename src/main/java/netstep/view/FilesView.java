package netstep.view;

import j2html.tags.specialized.SectionTag;

import static j2html.TagCreator.*;

/** The "Save and load" panel: export the experiment, its loss history or the step; import; share. */
final class FilesView {
    private FilesView() {
    }

    /** Save the experiment, its loss history or the current step as a worked example; load a saved one. */
    static SectionTag files(String importError) {
        SectionTag section = section(
                h2("Save and load"),
                ul(
                        li(a("The experiment (JSON)").withHref("/export/experiment.json").attr("download"),
                                text(": settings, data, weights, step count and loss history; load it again below.")),
                        li(a("The loss history (CSV)").withHref("/export/loss.csv").attr("download")),
                        li(a("This step as a worked example (Markdown)").withHref("/export/step.md").attr("download"),
                                text(": every number of the current step, for an answer key."))),
                form(
                        label("Load a saved experiment: ").attr("for", "import-file"),
                        input().withType("file").withName("file").withId("import-file").attr("accept", ".json,application/json"),
                        text(" "),
                        button("Load").withType("submit")
                ).withId("import-form").withMethod("post").withAction("/import").attr("enctype", "multipart/form-data"),
                form(
                        button("Share a read-only link").withType("submit"),
                        text(" to a copy of the experiment as it is now; whoever opens it can make it their own.")
                ).withId("share-form").withMethod("post").withAction("/share")
        ).withId("files").withClass("panel");
        if (importError != null) section.with(p(importError).withClass("error").withId("import-error").attr("role", "alert"));
        return section;
    }
}

package netstep.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import netstep.experiment.Experiment;
import netstep.experiment.Tailoring;
import netstep.lesson.Lesson;
import netstep.lesson.LessonLibrary;

import java.util.Optional;

/**
 * The stored form of an experiment: the saved-experiment file (see {@link ExperimentJson}) and the lesson it
 * follows, by id and variant, so a restart brings the lesson's page back too.
 */
public final class StoredExperimentCodec {
    private final LessonLibrary lessons;

    public StoredExperimentCodec(LessonLibrary lessons) {
        this.lessons = lessons;
    }

    public String write(Experiment e) {
        ObjectNode root = ApiJson.MAPPER.createObjectNode();
        root.set("experiment", ExperimentJson.write(e));
        e.tailoring().ifPresent(t -> root.putObject("lesson").put("id", t.lessonId()).put("variant", t.variant()));
        try {
            return ApiJson.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException impossible) { // a tree of plain nodes always writes
            throw new IllegalStateException(impossible);
        }
    }

    public void read(String state, Experiment e) {
        JsonNode root = ApiJson.parseObject(state);
        JsonNode lessonNode = root.path("lesson");
        // a lesson removed from the library since leaves the experiment in free play
        Optional<Lesson> lesson = lessonNode.isObject() ? lessons.lesson(lessonNode.path("id").asText()) : Optional.empty();
        int variant = lessonNode.path("variant").asInt(0);
        ExperimentJson.readStored(root.path("experiment"), e);
        if (lesson.isPresent() && variant >= 0 && variant < lesson.get().variants().size()) {
            Tailoring tailoring = lesson.get().tailoring(variant);
            e.resumeLesson(lesson.get().variants().get(variant).start(), tailoring);
        } else {
            e.leaveLesson();
        }
    }
}

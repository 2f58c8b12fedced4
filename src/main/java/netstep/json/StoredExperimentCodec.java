package netstep.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import netstep.experiment.Experiment;
import netstep.experiment.Score;
import netstep.experiment.Tailoring;
import netstep.lesson.Lesson;
import netstep.lesson.LessonLibrary;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stored form of an experiment: the saved-experiment file (see {@link ExperimentJson}) and the lesson it
 * follows, by id and variant, with the student's running score for it, so a restart brings the lesson's page and
 * score back too.
 */
public final class StoredExperimentCodec {
    /** Stored answers longer than this were not typed into a question (Question.number takes at most 40). */
    private static final int MAX_TYPED = 64;
    private final LessonLibrary lessons;

    public StoredExperimentCodec(LessonLibrary lessons) {
        this.lessons = lessons;
    }

    public String write(Experiment e) {
        return write(e, true);
    }

    /** A copy to share: someone else's score does not travel with it. */
    public String writeWithoutScore(Experiment e) {
        return write(e, false);
    }

    private String write(Experiment e, boolean withScore) {
        ObjectNode root = ApiJson.MAPPER.createObjectNode();
        root.set("experiment", ExperimentJson.write(e));
        e.tailoring().ifPresent(t -> {
            ObjectNode lesson = root.putObject("lesson").put("id", t.lessonId()).put("variant", t.variant());
            Score score = e.score();
            if (withScore && !score.equals(Score.NONE)) writeScore(lesson.putObject("score"), score);
        });
        try {
            return ApiJson.MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException impossible) { // a tree of plain nodes always writes
            throw new IllegalStateException(impossible);
        }
    }

    private static void writeScore(ObjectNode out, Score score) {
        out.put("right", score.right()).put("asked", score.asked());
        if (score.answers().isEmpty()) return;
        out.put("step", score.step());
        ArrayNode answers = out.putArray("answers");
        for (Score.Given g : score.answers()) {
            ObjectNode a = answers.addObject().put("question", g.question());
            if (g.typed() != null) a.put("answer", g.typed());
            if (g.revealed()) a.put("revealed", true);
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
            e.resumeScore(score(lessonNode.path("score")));
        } else {
            e.leaveLesson();
        }
    }

    /** The stored score; one that does not make sense (not written by this class) counts as none. */
    static Score score(JsonNode node) {
        if (!node.isObject()) return Score.NONE;
        int right = node.path("right").asInt(-1);
        int asked = node.path("asked").asInt(-1);
        if (right < 0 || asked < right) return Score.NONE;
        List<Score.Given> answers = new ArrayList<>();
        for (JsonNode a : node.path("answers")) {
            JsonNode typed = a.path("answer");
            if (!a.path("question").canConvertToInt() || (!typed.isMissingNode() && !typed.isTextual())
                    || typed.asText("").length() > MAX_TYPED) {
                return new Score(right, asked, 0, List.of());
            }
            answers.add(new Score.Given(a.path("question").asInt(), typed.isTextual() ? typed.asText() : null,
                    a.path("revealed").asBoolean(false)));
        }
        int step = node.path("step").asInt(0);
        return step > 0 ? new Score(right, asked, step, answers) : new Score(right, asked, 0, List.of());
    }
}

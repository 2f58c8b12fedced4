package netstep.experiment;

import java.util.List;

/**
 * A lesson's running score as stored with the experiment, so that a restart (or another server) keeps it, with the
 * answers given in the step in progress: a restart in the middle of a step replays that step, and its questions are
 * then not asked (and counted) a second time.
 *
 * @param right   answers right since the lesson opened
 * @param asked   questions answered or skipped since the lesson opened (a revealed one is neither)
 * @param step    the step in progress that {@code answers} belong to; 0 when there are none
 * @param answers that step's answers, in the order given
 */
public record Score(int right, int asked, int step, List<Given> answers) {
    public static final Score NONE = new Score(0, 0, 0, List.of());

    public Score {
        answers = List.copyOf(answers);
    }

    /**
     * One answer of the step in progress, as the student typed it (a choice by its option's index).
     * @param typed null when skipped or revealed
     */
    public record Given(int question, String typed, boolean revealed) {
    }
}

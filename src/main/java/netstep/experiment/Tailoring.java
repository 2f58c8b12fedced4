package netstep.experiment;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a lesson tailors the page to its topic: its title and explanation, the controls and panels it hides,
 * the configuration fields it locks at its own values, and its variants to switch between.
 */
public record Tailoring(String lessonId, String title, String explanation, Set<String> hidden,
                        Map<String, String> locked, List<String> variants, int variant, List<Question> questions) {

    /** Buttons a lesson may hide. */
    public static final Set<String> ACTIONS = Set.of("pick", "forward", "loss", "backward", "update", "next", "whole",
            "epoch", "reset");
    /** Panels a lesson may hide. */
    public static final Set<String> PANELS = Set.of("configure", "diagram", "loss-chart", "computes", "trace",
            "weights", "edit", "collapse", "history", "dataset", "own-data", "files");

    public Tailoring {
        hidden = Set.copyOf(hidden);
        locked = Map.copyOf(locked);
        variants = List.copyOf(variants);
        questions = List.copyOf(questions);
    }

    /** A lesson without prediction questions. */
    public Tailoring(String lessonId, String title, String explanation, Set<String> hidden,
                     Map<String, String> locked, List<String> variants, int variant) {
        this(lessonId, title, explanation, hidden, locked, variants, variant, List.of());
    }

    public boolean hides(String name) {
        return hidden.contains(name);
    }

    public boolean locks(String field) {
        return locked.containsKey(field);
    }
}

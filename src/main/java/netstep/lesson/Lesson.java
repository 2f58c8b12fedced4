package netstep.lesson;

import netstep.engine.Network;
import netstep.experiment.Config;
import netstep.experiment.ConfigForm;
import netstep.experiment.Phase;
import netstep.experiment.Question;
import netstep.experiment.Tailoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lesson: one of the lecture's examples, ready to open. It has one or more variants (e.g. XOR with a single
 * linear layer, and with a 2-2-1 network), each a configuration and optionally exact starting parameters.
 *
 * @param source the file as stored, for GET /api/lessons/{id}
 * @param questions what the lesson asks before phases (predict, then reveal)
 */
public record Lesson(String id, String title, String explanation, List<Variant> variants, Phase openOn,
                     Set<String> hidden, Set<String> locked, String source, List<Question> questions) {

    /** @param start the exact starting parameters, or null to initialise from the seed */
    public record Variant(String label, Config config, Network start) {
    }

    public Lesson {
        variants = List.copyOf(variants);
        hidden = Set.copyOf(hidden);
        locked = Set.copyOf(locked);
        questions = List.copyOf(questions);
    }

    /** A lesson that asks no questions. */
    public Lesson(String id, String title, String explanation, List<Variant> variants, Phase openOn,
                  Set<String> hidden, Set<String> locked, String source) {
        this(id, title, explanation, variants, openOn, hidden, locked, source, List.of());
    }

    /** How the page is tailored while this lesson's variant is open: locked fields keep that variant's values. */
    public Tailoring tailoring(int variant) {
        ConfigForm form = ConfigForm.of(variants.get(variant).config());
        Map<String, String> lockedValues = new LinkedHashMap<>();
        for (String field : locked) lockedValues.put(field, form.value(field));
        return new Tailoring(id, title, explanation, hidden, lockedValues,
                variants.stream().map(Variant::label).toList(), variant, questions);
    }
}

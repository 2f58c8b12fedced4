package netstep.classroom;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Classes in this server's memory, for a server without a database (tests); gone at restart. */
public final class MemoryClassRepository implements ClassRepository {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, ClassState> classes = new LinkedHashMap<>();
    private final Map<String, Instant> touched = new LinkedHashMap<>();
    private final Map<String, Member> members = new LinkedHashMap<>();
    private final Map<String, AnswerRow> answers = new LinkedHashMap<>();
    private final Map<String, Instant> instructors = new LinkedHashMap<>();

    static String memberId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public synchronized boolean open(String code, Instant now) {
        if (classes.containsKey(code)) return false;
        classes.put(code, new ClassState(code, now, false, null, 0, -1, 0));
        touched.put(code, now);
        return true;
    }

    @Override
    public synchronized Optional<ClassState> find(String code) {
        return Optional.ofNullable(classes.get(code));
    }

    @Override
    public synchronized void close(String code, Instant now) {
        ClassState c = classes.get(code);
        if (c == null) return;
        classes.put(code, new ClassState(code, c.openedAt(), true, c.lessonId(), c.lessonSeq(), c.revealQuestion(),
                c.revealSeq()));
        touched.put(code, now);
    }

    @Override
    public synchronized void send(String code, String lessonId, Instant now) {
        ClassState c = classes.get(code);
        if (c == null || c.closed()) return;
        classes.put(code, new ClassState(code, c.openedAt(), false, lessonId, c.lessonSeq() + 1, -1, c.revealSeq()));
        touched.put(code, now);
    }

    @Override
    public synchronized void reveal(String code, int question, Instant now) {
        ClassState c = classes.get(code);
        if (c == null || c.closed()) return;
        classes.put(code, new ClassState(code, c.openedAt(), false, c.lessonId(), c.lessonSeq(), question,
                c.revealSeq() + 1));
        touched.put(code, now);
    }

    @Override
    public synchronized Member join(String code, String sessionId, String name, boolean follow, Instant now) {
        leave(sessionId);
        ClassState c = classes.get(code);
        // a late joiner is sent to the class's lesson too (0 seen), but not shown answers revealed before
        Member m = new Member(memberId(), sessionId, code, name, follow, now, Progress.NONE, 0, c.revealSeq());
        members.put(m.memberId(), m);
        touched.put(code, now);
        return m;
    }

    @Override
    public synchronized void leave(String sessionId) {
        List<String> gone = members.values().stream().filter(m -> m.sessionId().equals(sessionId))
                .map(Member::memberId).toList();
        members.keySet().removeAll(gone);
        answers.values().removeIf(a -> gone.contains(a.memberId()));
    }

    @Override
    public synchronized Optional<Member> memberBySession(String sessionId) {
        return members.values().stream().filter(m -> m.sessionId().equals(sessionId))
                .filter(m -> !classes.get(m.code()).closed()).findFirst();
    }

    @Override
    public synchronized List<Member> members(String code) {
        return members.values().stream().filter(m -> m.code().equals(code)).toList();
    }

    @Override
    public synchronized void progress(String memberId, Progress progress, int seenLessonSeq, int seenRevealSeq,
                                      Instant now) {
        Member m = members.get(memberId);
        if (m == null) return;
        members.put(memberId, new Member(memberId, m.sessionId(), m.code(), m.name(), m.follow(), m.joinedAt(),
                progress, seenLessonSeq, seenRevealSeq));
    }

    @Override
    public synchronized void answer(AnswerRow answer) {
        answers.put(answer.memberId() + "/" + answer.lessonId() + "/" + answer.question(), answer);
    }

    @Override
    public synchronized List<AnswerRow> answers(String code, String lessonId) {
        List<AnswerRow> out = new ArrayList<>();
        for (AnswerRow a : answers.values()) {
            if (a.code().equals(code) && (lessonId == null || lessonId.equals(a.lessonId()))) out.add(a);
        }
        return out;
    }

    @Override
    public synchronized void addInstructor(String tokenHash, Instant now) {
        instructors.put(tokenHash, now);
    }

    @Override
    public synchronized boolean instructor(String tokenHash, Instant createdAfter) {
        Instant made = instructors.get(tokenHash);
        return made != null && made.isAfter(createdAfter);
    }

    @Override
    public synchronized int forget(Instant classesBefore, Instant instructorsBefore) {
        List<String> old = touched.entrySet().stream().filter(t -> t.getValue().isBefore(classesBefore))
                .map(Map.Entry::getKey).toList();
        old.forEach(code -> {
            classes.remove(code);
            touched.remove(code);
            members.values().removeIf(m -> m.code().equals(code));
            answers.values().removeIf(a -> a.code().equals(code));
        });
        instructors.values().removeIf(t -> t.isBefore(instructorsBefore));
        return old.size();
    }
}

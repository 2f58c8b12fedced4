package netstep.classroom;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Classes, their members and their answers, kept where every server instance of the course sees them (the
 * database; in memory for a server without one). Every method throws a RuntimeException (the store's
 * StorageException) when the database fails.
 */
public interface ClassRepository {
    /** Stores a new open class; false when the code is taken. */
    boolean open(String code, Instant now);

    Optional<ClassState> find(String code);

    /** Ends the class for everyone: no member belongs to it any more (members and answers stay for the export). */
    void close(String code, Instant now);

    /** The class is sent to {@code lessonId}: its lesson number grows by one. */
    void send(String code, String lessonId, Instant now);

    /** The answer to {@code question} of the class's lesson is shown to everyone: its reveal number grows by one. */
    void reveal(String code, int question, Instant now);

    /** Adds the browser session to the class (leaving any class it was in); returns the new member. */
    Member join(String code, String sessionId, String name, boolean follow, Instant now);

    /** The session leaves its class; its member row and answers are deleted. */
    void leave(String sessionId);

    /** The browser session's membership of an open class. */
    Optional<Member> memberBySession(String sessionId);

    List<Member> members(String code);

    /** What the member is doing, as of their last poll; also marks which sends and reveals they have seen. */
    void progress(String memberId, Progress progress, int seenLessonSeq, int seenRevealSeq, Instant now);

    /** Keeps a member's answer to a question of a lesson (their latest replaces an earlier one). */
    void answer(AnswerRow answer);

    /** Every member's latest answers in the class, for one lesson or (null) all. */
    List<AnswerRow> answers(String code, String lessonId);

    /** The instructor's server-side session: a hash of the cookie's token. */
    void addInstructor(String tokenHash, Instant now);

    boolean instructor(String tokenHash, Instant createdAfter);

    /** Deletes classes untouched since {@code classesBefore} (members and answers with them) and old instructor sessions. */
    int forget(Instant classesBefore, Instant instructorsBefore);

    record ClassState(String code, Instant openedAt, boolean closed, String lessonId, int lessonSeq,
                      int revealQuestion, int revealSeq) {
    }

    /** @param losses the member's recent mean losses, comma-separated */
    record Progress(String lessonId, String phase, int steps, String losses) {
        public static final Progress NONE = new Progress(null, null, 0, "");
    }

    record Member(String memberId, String sessionId, String code, String name, boolean follow, Instant joinedAt,
                  Progress progress, int seenLessonSeq, int seenRevealSeq) {
    }

    record AnswerRow(String memberId, String code, String lessonId, int question, int step, String given,
                     Double number, boolean correct, Instant at) {
    }
}

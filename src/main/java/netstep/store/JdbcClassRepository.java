package netstep.store;

import netstep.classroom.ClassRepository;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Classes, members and answers in the database of db/migration (V2), so that a restart keeps a class and every
 * server instance on the same database serves it. Each call is one short statement or transaction.
 */
public final class JdbcClassRepository implements ClassRepository {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String MEMBER_COLUMNS = "member_id, session_id, class_code, name, follow, joined_at, "
            + "lesson_id, phase, steps, losses, seen_lesson_seq, seen_reveal_seq";
    private final Supplier<DataSource> dataSource;

    public JdbcClassRepository(Supplier<DataSource> dataSource) {
        this.dataSource = dataSource;
    }

    public JdbcClassRepository(DataSource dataSource) {
        this(() -> dataSource);
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T run(String what, Work<T> work) {
        try (Connection c = dataSource.get().getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException("the class could not be " + what + ": " + e.getMessage(), e);
        }
    }

    /** In one transaction: all of {@code work} or nothing. */
    private <T> T transaction(String what, Work<T> work) {
        return run(what, c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // a broken connection: the pool discards it
                }
                throw e;
            }
        });
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... values) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Instant t) s.setTimestamp(i + 1, Timestamp.from(t));
            else if (v instanceof Double d) s.setDouble(i + 1, d);
            else if (v == null) s.setNull(i + 1, Types.VARCHAR);
            else s.setObject(i + 1, v);
        }
        return s;
    }

    private static int update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, values)) {
            return s.executeUpdate();
        }
    }

    @Override
    public boolean open(String code, Instant now) {
        return run("opened", c -> {
            try (PreparedStatement exists = prepare(c, "SELECT 1 FROM classes WHERE code = ?", code);
                 ResultSet r = exists.executeQuery()) {
                if (r.next()) return false;
            }
            try {
                update(c, "INSERT INTO classes (code, opened_at, closed, lesson_id, lesson_seq, reveal_question, "
                        + "reveal_seq, updated_at) VALUES (?, ?, FALSE, NULL, 0, -1, 0, ?)", code, now, now);
                return true;
            } catch (SQLException taken) {
                // another server took the same code a moment ago
                if (taken.getSQLState() != null && taken.getSQLState().startsWith("23")) return false;
                throw taken;
            }
        });
    }

    @Override
    public Optional<ClassState> find(String code) {
        return run("read", c -> {
            try (PreparedStatement s = prepare(c, "SELECT code, opened_at, closed, lesson_id, lesson_seq, "
                    + "reveal_question, reveal_seq FROM classes WHERE code = ?", code);
                 ResultSet r = s.executeQuery()) {
                if (!r.next()) return Optional.empty();
                return Optional.of(new ClassState(r.getString(1), r.getTimestamp(2).toInstant(), r.getBoolean(3),
                        r.getString(4), r.getInt(5), r.getInt(6), r.getInt(7)));
            }
        });
    }

    @Override
    public void close(String code, Instant now) {
        run("closed", c -> update(c, "UPDATE classes SET closed = TRUE, updated_at = ? WHERE code = ?", now, code));
    }

    @Override
    public void send(String code, String lessonId, Instant now) {
        run("sent to the lesson", c -> update(c, "UPDATE classes SET lesson_id = ?, lesson_seq = lesson_seq + 1, "
                + "reveal_question = -1, updated_at = ? WHERE code = ? AND closed = FALSE", lessonId, now, code));
    }

    @Override
    public void reveal(String code, int question, Instant now) {
        run("shown the answer", c -> update(c, "UPDATE classes SET reveal_question = ?, reveal_seq = reveal_seq + 1, "
                + "updated_at = ? WHERE code = ? AND closed = FALSE", question, now, code));
    }

    @Override
    public Member join(String code, String sessionId, String name, boolean follow, Instant now) {
        return transaction("joined", c -> {
            update(c, "DELETE FROM class_members WHERE session_id = ?", sessionId);
            // a late joiner is sent to the class's lesson too (0 seen), but not shown answers revealed before
            int lessonSeq = 0;
            int revealSeq;
            try (PreparedStatement s = prepare(c, "SELECT reveal_seq FROM classes WHERE code = ?", code);
                 ResultSet r = s.executeQuery()) {
                if (!r.next()) throw new SQLException("no class " + code);
                revealSeq = r.getInt(1);
            }
            byte[] bytes = new byte[6];
            RANDOM.nextBytes(bytes);
            String memberId = HexFormat.of().formatHex(bytes);
            update(c, "INSERT INTO class_members (" + MEMBER_COLUMNS + ", updated_at) VALUES "
                            + "(?, ?, ?, ?, ?, ?, NULL, NULL, 0, '', ?, ?, ?)",
                    memberId, sessionId, code, name, follow, now, lessonSeq, revealSeq, now);
            update(c, "UPDATE classes SET updated_at = ? WHERE code = ?", now, code);
            return new Member(memberId, sessionId, code, name, follow, now, Progress.NONE, lessonSeq, revealSeq);
        });
    }

    @Override
    public void leave(String sessionId) {
        run("left", c -> update(c, "DELETE FROM class_members WHERE session_id = ?", sessionId));
    }

    @Override
    public Optional<Member> memberBySession(String sessionId) {
        List<Member> found = members("SELECT " + prefixed() + " FROM class_members m JOIN classes c "
                + "ON c.code = m.class_code WHERE m.session_id = ? AND c.closed = FALSE", sessionId);
        return found.stream().findFirst();
    }

    @Override
    public List<Member> members(String code) {
        return members("SELECT " + prefixed() + " FROM class_members m WHERE m.class_code = ? ORDER BY m.joined_at, "
                + "m.member_id", code);
    }

    private static String prefixed() {
        return "m." + MEMBER_COLUMNS.replace(", ", ", m.");
    }

    private List<Member> members(String sql, String key) {
        return run("read", c -> {
            List<Member> out = new ArrayList<>();
            try (PreparedStatement s = prepare(c, sql, key); ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Member(r.getString(1), r.getString(2), r.getString(3), r.getString(4),
                            r.getBoolean(5), r.getTimestamp(6).toInstant(),
                            new Progress(r.getString(7), r.getString(8), r.getInt(9), r.getString(10)),
                            r.getInt(11), r.getInt(12)));
                }
            }
            return out;
        });
    }

    @Override
    public void progress(String memberId, Progress p, int seenLessonSeq, int seenRevealSeq, Instant now) {
        run("updated", c -> update(c, "UPDATE class_members SET lesson_id = ?, phase = ?, steps = ?, losses = ?, "
                        + "seen_lesson_seq = ?, seen_reveal_seq = ?, updated_at = ? WHERE member_id = ?",
                p.lessonId(), p.phase(), p.steps(), p.losses(), seenLessonSeq, seenRevealSeq, now, memberId));
    }

    @Override
    public void answer(AnswerRow a) {
        transaction("given the answer", c -> {
            update(c, "DELETE FROM class_answers WHERE member_id = ? AND lesson_id = ? AND question = ?",
                    a.memberId(), a.lessonId(), a.question());
            try (PreparedStatement s = prepare(c, "INSERT INTO class_answers (member_id, class_code, lesson_id, "
                            + "question, step, given, number, correct, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    a.memberId(), a.code(), a.lessonId(), a.question(), a.step(), a.given(), null, a.correct(), a.at())) {
                if (a.number() == null) s.setNull(7, Types.DOUBLE);
                else s.setDouble(7, a.number());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<AnswerRow> answers(String code, String lessonId) {
        return run("read", c -> {
            List<AnswerRow> out = new ArrayList<>();
            String sql = "SELECT member_id, class_code, lesson_id, question, step, given, number, correct, answered_at "
                    + "FROM class_answers WHERE class_code = ?" + (lessonId == null ? "" : " AND lesson_id = ?")
                    + " ORDER BY lesson_id, question, answered_at";
            try (PreparedStatement s = lessonId == null ? prepare(c, sql, code) : prepare(c, sql, code, lessonId);
                 ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    double n = r.getDouble(7);
                    Double number = r.wasNull() ? null : n;
                    out.add(new AnswerRow(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getInt(5),
                            r.getString(6), number, r.getBoolean(8), r.getTimestamp(9).toInstant()));
                }
            }
            return out;
        });
    }

    @Override
    public void addInstructor(String tokenHash, Instant now) {
        run("signed in", c -> update(c, "INSERT INTO instructor_sessions (token_hash, created_at) VALUES (?, ?)",
                tokenHash, now));
    }

    @Override
    public boolean instructor(String tokenHash, Instant createdAfter) {
        return run("read", c -> {
            try (PreparedStatement s = prepare(c, "SELECT 1 FROM instructor_sessions WHERE token_hash = ? AND "
                    + "created_at > ?", tokenHash, createdAfter); ResultSet r = s.executeQuery()) {
                return r.next();
            }
        });
    }

    @Override
    public int forget(Instant classesBefore, Instant instructorsBefore) {
        return run("deleted", c -> {
            update(c, "DELETE FROM instructor_sessions WHERE created_at < ?", instructorsBefore);
            // members (and with them answers) go first: the foreign keys cascade, but explicitly is clearer
            update(c, "DELETE FROM class_answers WHERE class_code IN (SELECT code FROM classes WHERE updated_at < ?)",
                    classesBefore);
            update(c, "DELETE FROM class_members WHERE class_code IN (SELECT code FROM classes WHERE updated_at < ?)",
                    classesBefore);
            return update(c, "DELETE FROM classes WHERE updated_at < ?", classesBefore);
        });
    }
}

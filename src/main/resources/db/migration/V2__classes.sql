-- Class mode (issue 16): a class an instructor opened, by its join code. lesson_seq and reveal_seq count the
-- instructor's "send the class to a lesson" and "reveal the answer", so that each student's page acts on each once.
CREATE TABLE classes (
    code            VARCHAR(6)   PRIMARY KEY,
    opened_at       TIMESTAMP    NOT NULL,
    closed          BOOLEAN      NOT NULL,
    lesson_id       VARCHAR(200),
    lesson_seq      INTEGER      NOT NULL,
    reveal_question INTEGER      NOT NULL,
    reveal_seq      INTEGER      NOT NULL,
    updated_at      TIMESTAMP    NOT NULL
);

-- A browser session in a class (no accounts: the session cookie is the student), with what it was last doing.
CREATE TABLE class_members (
    member_id       VARCHAR(16)  PRIMARY KEY,
    session_id      VARCHAR(64)  NOT NULL,
    class_code      VARCHAR(6)   NOT NULL REFERENCES classes (code) ON DELETE CASCADE,
    name            VARCHAR(40)  NOT NULL,
    follow          BOOLEAN      NOT NULL,
    joined_at       TIMESTAMP    NOT NULL,
    lesson_id       VARCHAR(200),
    phase           VARCHAR(16),
    steps           INTEGER      NOT NULL,
    losses          TEXT         NOT NULL,
    seen_lesson_seq INTEGER      NOT NULL,
    seen_reveal_seq INTEGER      NOT NULL,
    updated_at      TIMESTAMP    NOT NULL
);
CREATE INDEX class_members_session ON class_members (session_id);
CREATE INDEX class_members_class ON class_members (class_code);

-- Each member's latest answer to each question of a lesson.
CREATE TABLE class_answers (
    member_id   VARCHAR(16)  NOT NULL REFERENCES class_members (member_id) ON DELETE CASCADE,
    class_code  VARCHAR(6)   NOT NULL,
    lesson_id   VARCHAR(200) NOT NULL,
    question    INTEGER      NOT NULL,
    step        INTEGER      NOT NULL,
    given       VARCHAR(200),
    number      DOUBLE PRECISION,
    correct     BOOLEAN      NOT NULL,
    answered_at TIMESTAMP    NOT NULL,
    PRIMARY KEY (member_id, lesson_id, question)
);
CREATE INDEX class_answers_class ON class_answers (class_code, lesson_id);

-- An instructor's signed-in browser: the SHA-256 of its cookie's random token, so the table gives no cookie away.
CREATE TABLE instructor_sessions (
    token_hash VARCHAR(64) PRIMARY KEY,
    created_at TIMESTAMP   NOT NULL
);

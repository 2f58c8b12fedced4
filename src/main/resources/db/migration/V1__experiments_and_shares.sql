-- Each browser session's experiment, as the JSON that rebuilds it exactly; version counts its stored states,
-- so a server holding an older copy in memory knows to load the newer one.
CREATE TABLE experiments (
    session_id VARCHAR(64) PRIMARY KEY,
    version    BIGINT      NOT NULL,
    state      TEXT        NOT NULL,
    updated_at TIMESTAMP   NOT NULL
);

-- A read-only copy of an experiment as it was when shared, behind an unguessable token.
CREATE TABLE shares (
    token      VARCHAR(64) PRIMARY KEY,
    state      TEXT        NOT NULL,
    created_at TIMESTAMP   NOT NULL
);

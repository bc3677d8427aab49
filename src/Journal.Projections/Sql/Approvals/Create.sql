-- approvals.v1: one row per approval, and the remembered (session-long or time-boxed) answers by session and subject.
CREATE TABLE IF NOT EXISTS approvals_v1_approvals (
    approval_id      TEXT    NOT NULL PRIMARY KEY,
    session_id       TEXT    NOT NULL,
    subject_type     TEXT    NOT NULL,
    subject_id       TEXT    NOT NULL,
    summary          TEXT    NOT NULL,
    scope            TEXT    NOT NULL,
    duration_seconds INTEGER,
    expires_at       INTEGER NOT NULL,
    status           TEXT    NOT NULL,
    pending          INTEGER NOT NULL,
    decision         TEXT,
    decided_by       TEXT,
    reason           TEXT,
    remembered       INTEGER NOT NULL,
    remembered_until INTEGER,
    requested_at     INTEGER NOT NULL,
    resolved_at      INTEGER,
    stream_version   INTEGER NOT NULL,
    last_position    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS approvals_v1_approvals_by_pending ON approvals_v1_approvals (pending DESC, requested_at DESC, approval_id DESC);
CREATE INDEX IF NOT EXISTS approvals_v1_approvals_by_session ON approvals_v1_approvals (session_id, pending DESC, requested_at DESC, approval_id DESC);
CREATE INDEX IF NOT EXISTS approvals_v1_approvals_by_subject ON approvals_v1_approvals (subject_type, subject_id, pending DESC, requested_at DESC, approval_id DESC);
CREATE INDEX IF NOT EXISTS approvals_v1_approvals_by_status ON approvals_v1_approvals (status, requested_at DESC, approval_id DESC);

CREATE TABLE IF NOT EXISTS approvals_v1_remembered (
    session_id       TEXT    NOT NULL,
    subject_type     TEXT    NOT NULL,
    subject_id       TEXT    NOT NULL,
    approval_id      TEXT    NOT NULL,
    scope            TEXT    NOT NULL,
    decision         TEXT    NOT NULL,
    decided_by       TEXT    NOT NULL,
    decided_at       INTEGER NOT NULL,
    remembered_until INTEGER,
    position         INTEGER NOT NULL,
    PRIMARY KEY (session_id, subject_type, subject_id)
) WITHOUT ROWID;

-- runs.v2: one row per run, with the version of the run's stream it reflects (the ETag).
CREATE TABLE IF NOT EXISTS runs_v2_runs (
    run_id            TEXT    PRIMARY KEY NOT NULL,
    session_id        TEXT    NOT NULL,
    kind              TEXT    NOT NULL,
    parent_run_id     TEXT,
    status            TEXT    NOT NULL,
    cancel_requested  INTEGER NOT NULL,
    input_tokens      INTEGER NOT NULL,
    output_tokens     INTEGER NOT NULL,
    accepted_at       INTEGER NOT NULL,
    started_at        INTEGER,
    ended_at          INTEGER,
    failure_reason    TEXT,
    orphaned          INTEGER NOT NULL,
    accepted_position INTEGER NOT NULL,
    stream_version    INTEGER NOT NULL,
    last_position     INTEGER NOT NULL
) WITHOUT ROWID;

-- A session's runs, newest first (acceptance positions are unique, so they alone are the keyset).
CREATE INDEX IF NOT EXISTS runs_v2_runs_by_session ON runs_v2_runs (session_id, accepted_position DESC);

-- The latest runs across sessions (the control room's tokens per run), newest first.
CREATE INDEX IF NOT EXISTS runs_v2_runs_by_position ON runs_v2_runs (accepted_position DESC);

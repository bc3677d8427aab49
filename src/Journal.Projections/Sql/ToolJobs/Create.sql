-- tooljobs.v1: one row per tool job, and the bounded output tail the job's decider keeps.
CREATE TABLE IF NOT EXISTS tooljobs_v1_jobs (
    job_id         TEXT    NOT NULL PRIMARY KEY,
    session_id     TEXT    NOT NULL,
    run_id         TEXT,
    tool_name      TEXT    NOT NULL,
    arguments      TEXT,
    status         TEXT    NOT NULL,
    attempt        INTEGER NOT NULL,
    exit_code      INTEGER,
    failure_reason TEXT,
    interrupted    INTEGER NOT NULL,
    queued_at      INTEGER NOT NULL,
    started_at     INTEGER,
    ended_at       INTEGER,
    output_chunks  INTEGER NOT NULL,
    stream_version INTEGER NOT NULL,
    last_position  INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS tooljobs_v1_jobs_by_queued ON tooljobs_v1_jobs (queued_at DESC, job_id DESC);
CREATE INDEX IF NOT EXISTS tooljobs_v1_jobs_by_session ON tooljobs_v1_jobs (session_id, queued_at DESC, job_id DESC);
CREATE INDEX IF NOT EXISTS tooljobs_v1_jobs_by_status ON tooljobs_v1_jobs (status, queued_at DESC, job_id DESC);

CREATE TABLE IF NOT EXISTS tooljobs_v1_output (
    job_id      TEXT    NOT NULL,
    chunk_index INTEGER NOT NULL,
    stream      TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    byte_count  INTEGER NOT NULL,
    sha256      TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    PRIMARY KEY (job_id, chunk_index)
) WITHOUT ROWID;

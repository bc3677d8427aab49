-- cron.v1: one row per job (its decider state as JSON plus the columns the scheduler and the listings
-- filter on) and one row per run record (a run, or a tick that did not run: skipped, denied, queued).
CREATE TABLE IF NOT EXISTS cron_v1_jobs (
    job_id            TEXT    NOT NULL PRIMARY KEY,
    owner             TEXT    NOT NULL,
    enabled           INTEGER NOT NULL,
    deleted           INTEGER NOT NULL,
    in_review         INTEGER NOT NULL,
    next_run_at       INTEGER,
    sort_next         INTEGER NOT NULL,
    wake_at           INTEGER,
    active_run_id     TEXT,
    active_timeout_at INTEGER,
    state_json        TEXT    NOT NULL,
    stream_version    INTEGER NOT NULL,
    last_position     INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX IF NOT EXISTS cron_v1_jobs_by_next ON cron_v1_jobs (deleted, sort_next, job_id);
CREATE INDEX IF NOT EXISTS cron_v1_jobs_by_owner ON cron_v1_jobs (owner, deleted, sort_next, job_id);
CREATE INDEX IF NOT EXISTS cron_v1_jobs_by_wake ON cron_v1_jobs (wake_at) WHERE wake_at IS NOT NULL;

CREATE TABLE IF NOT EXISTS cron_v1_runs (
    record_seq  INTEGER NOT NULL PRIMARY KEY,
    run_id      TEXT,
    job_id      TEXT    NOT NULL,
    tick        INTEGER NOT NULL,
    ticks       INTEGER NOT NULL,
    attempt     INTEGER,
    run_trigger TEXT,
    status      TEXT    NOT NULL,
    reason      TEXT,
    error       TEXT,
    recorded_at INTEGER NOT NULL,
    started_at  INTEGER,
    timeout_at  INTEGER,
    finished_at INTEGER,
    retry_at    INTEGER
);

CREATE UNIQUE INDEX IF NOT EXISTS cron_v1_runs_by_run ON cron_v1_runs (run_id) WHERE run_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS cron_v1_runs_by_job ON cron_v1_runs (job_id, record_seq DESC);
CREATE INDEX IF NOT EXISTS cron_v1_runs_active ON cron_v1_runs (status, timeout_at) WHERE status = 'Active';

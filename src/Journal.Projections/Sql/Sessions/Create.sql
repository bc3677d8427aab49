-- sessions.v2: one row per session, with the version of the session's own stream it reflects (the ETag).
CREATE TABLE IF NOT EXISTS sessions_v2_sessions (
    session_id             TEXT    PRIMARY KEY NOT NULL,
    principal              TEXT    NOT NULL,
    device                 TEXT    NOT NULL,
    channel                TEXT    NOT NULL,
    session_key            TEXT,
    label                  TEXT,
    state                  TEXT    NOT NULL CHECK (state IN ('active', 'archived')),
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL,
    archived_at            INTEGER,
    last_run_id            TEXT,
    last_run_status        TEXT,
    run_count              INTEGER NOT NULL,
    transcript_entry_count INTEGER NOT NULL,
    foreground_run_id      TEXT,
    stream_version         INTEGER NOT NULL,
    last_position          INTEGER NOT NULL
) WITHOUT ROWID;

-- Listing: newest first, optionally narrowed by principal or channel.
CREATE INDEX IF NOT EXISTS sessions_v2_sessions_by_updated ON sessions_v2_sessions (updated_at DESC, session_id DESC);
CREATE INDEX IF NOT EXISTS sessions_v2_sessions_by_principal ON sessions_v2_sessions (principal, updated_at DESC, session_id DESC);
CREATE INDEX IF NOT EXISTS sessions_v2_sessions_by_channel ON sessions_v2_sessions (channel, updated_at DESC, session_id DESC);
-- Look-ups by key (live ones) and by label.
CREATE INDEX IF NOT EXISTS sessions_v2_sessions_by_key ON sessions_v2_sessions (session_key, state) WHERE session_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS sessions_v2_sessions_by_label ON sessions_v2_sessions (label, created_at DESC, session_id DESC) WHERE label IS NOT NULL;

-- transcript.v1: every entry of every session's transcript; the primary key is the listing's order.
CREATE TABLE IF NOT EXISTS transcript_v1_entries (
    session_id  TEXT    NOT NULL,
    sequence    INTEGER NOT NULL,
    entry_id    TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    text        TEXT    NOT NULL,
    run_id      TEXT,
    tool_name   TEXT,
    position    INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    PRIMARY KEY (session_id, sequence)
) WITHOUT ROWID;

-- session_deltas.v1: the projection's own copy of each session's current view (the "before" of the
-- next change; projections never read each other's tables), and every change.
CREATE TABLE IF NOT EXISTS session_deltas_v1_views (
    session_id TEXT PRIMARY KEY NOT NULL,
    view       TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS session_deltas_v1_deltas (
    session_id  TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    change_type TEXT    NOT NULL CHECK (change_type IN ('created', 'updated', 'deleted')),
    at          INTEGER NOT NULL,
    before      TEXT,
    after       TEXT    NOT NULL,
    PRIMARY KEY (session_id, position)
) WITHOUT ROWID;

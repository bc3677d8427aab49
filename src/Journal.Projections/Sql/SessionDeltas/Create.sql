-- session_deltas.v4: the projection's own copy of each session's current view (the "before" of the
-- next change; projections never read each other's tables), and every change. A change is keyed by its
-- tape position (an event changes at most one session), so a rebuild appends rows in key order instead
-- of inserting them all over a b-tree keyed by session (v1: a third less time per delta); the index
-- serves a session's changes newest first. v3: the views carry the session stream's version.
-- v4: a change stores only the view after it. The view before is the after of the session's change
-- before it (ListOfSession reads it so); `before` is set only on a change whose predecessor retention
-- deleted (KeepBeforeOfOldest), so a delta reads the same after a prune. Half the bytes of v3 per change.
CREATE TABLE IF NOT EXISTS session_deltas_v4_views (
    session_id TEXT PRIMARY KEY NOT NULL,
    view       TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS session_deltas_v4_deltas (
    position    INTEGER PRIMARY KEY,
    session_id  TEXT    NOT NULL,
    change_type TEXT    NOT NULL CHECK (change_type IN ('created', 'updated', 'deleted')),
    at          INTEGER NOT NULL,
    before      TEXT,
    after       TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS session_deltas_v4_deltas_by_session ON session_deltas_v4_deltas (session_id, position);

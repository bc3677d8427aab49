-- session_deltas.v4: the projection's own copy of each session's current view (the "before" of the
-- next change; projections never read each other's tables), and every change. A change is keyed by its
-- tape position (an event changes at most one session), so a rebuild appends rows in key order instead
-- of inserting them all over a b-tree keyed by session (v1: a third less time per delta); the index
-- serves a session's changes newest first. v3: the views carry the session stream's version.
-- v4: a change no longer stores two whole views (about 900 bytes) but an undo: the properties of the
-- view before it that differ from the view after, as raw JSON (about 150 bytes; see ViewUndo). The
-- newest change's after is the session's current view, each change's before is its after undone, and
-- that is the after of the change before it. `before` holds the whole view only when no undo could be
-- made. Retention deletes a session's oldest changes only (a prefix), so the walk back stays whole.
CREATE TABLE IF NOT EXISTS session_deltas_v4_views (
    session_id TEXT PRIMARY KEY NOT NULL,
    view       TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS session_deltas_v4_deltas (
    position    INTEGER PRIMARY KEY,
    session_id  TEXT    NOT NULL,
    change_type TEXT    NOT NULL CHECK (change_type IN ('created', 'updated', 'deleted')),
    at          INTEGER NOT NULL,
    undo        TEXT,
    before      TEXT
);
CREATE INDEX IF NOT EXISTS session_deltas_v4_deltas_by_session ON session_deltas_v4_deltas (session_id, position);

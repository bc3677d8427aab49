-- The projection runtime's own tables in the read-model database.
CREATE TABLE projection_checkpoints (
    name          TEXT    PRIMARY KEY NOT NULL,
    position      INTEGER NOT NULL,
    state         TEXT    NOT NULL CHECK (state IN ('running', 'stopped')),
    last_event_at INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE projection_dead_letters (
    id          INTEGER PRIMARY KEY,
    projection  TEXT    NOT NULL,
    seq         INTEGER NOT NULL,
    event_id    TEXT    NOT NULL,
    event_type  TEXT    NOT NULL,
    error       TEXT    NOT NULL,
    action      TEXT    NOT NULL CHECK (action IN ('stopped', 'skipped')),
    recorded_at INTEGER NOT NULL,
    UNIQUE (projection, seq)
);

-- Aggregate snapshots: a cache of folded state, one row per stream and state type (the newest wins).
-- format: the state type's snapshot format (shape and code); erasures: the tape's erased-payload count
-- when the state was folded (a snapshot folded before a later erasure is never used).
CREATE TABLE IF NOT EXISTS aggregate_snapshots (
    stream_id   TEXT    NOT NULL,
    state_type  TEXT    NOT NULL,
    format      TEXT    NOT NULL,
    version     INTEGER NOT NULL CHECK (version >= 1),
    position    INTEGER NOT NULL CHECK (position >= 1),
    erasures    INTEGER NOT NULL CHECK (erasures >= 0),
    state       BLOB    NOT NULL,
    PRIMARY KEY (stream_id, state_type)
) WITHOUT ROWID;

-- The purge after an erasure finds the rows folded before it without reading every snapshot.
CREATE INDEX IF NOT EXISTS aggregate_snapshots_by_erasures ON aggregate_snapshots (erasures);

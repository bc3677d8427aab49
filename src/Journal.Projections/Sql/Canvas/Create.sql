-- canvas.v1: the latest state of each canvas, every version (who, when, the patch), a snapshot of the
-- state every N patches (and at creation and each restore), and every state hash a replay could not
-- reproduce. States are stored in their canonical form, so sha256(state) = state_sha256.
CREATE TABLE IF NOT EXISTS canvas_v1_canvases (
    canvas_id             TEXT    NOT NULL PRIMARY KEY,
    session_id            TEXT    NOT NULL,
    version               INTEGER NOT NULL,
    state                 TEXT    NOT NULL,
    state_sha256          TEXT    NOT NULL,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL,
    last_snapshot_version INTEGER NOT NULL,
    mismatches            INTEGER NOT NULL,
    last_position         INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS canvas_v1_versions (
    canvas_id        TEXT    NOT NULL,
    version          INTEGER NOT NULL,
    kind             TEXT    NOT NULL,
    patch            TEXT,
    restored_version INTEGER,
    state_sha256     TEXT    NOT NULL,
    actor            TEXT,
    principal        TEXT,
    at               INTEGER NOT NULL,
    position         INTEGER NOT NULL,
    PRIMARY KEY (canvas_id, version)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS canvas_v1_snapshots (
    canvas_id    TEXT    NOT NULL,
    version      INTEGER NOT NULL,
    state        TEXT    NOT NULL,
    state_sha256 TEXT    NOT NULL,
    PRIMARY KEY (canvas_id, version)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS canvas_v1_mismatches (
    canvas_id       TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    expected_sha256 TEXT    NOT NULL,
    actual_sha256   TEXT,
    reason          TEXT    NOT NULL,
    PRIMARY KEY (canvas_id, version)
) WITHOUT ROWID;

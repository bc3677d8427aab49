-- Commands sent with an idempotency key: the key, a hash of what the command asked for, and its
-- first result. Written in the same transaction as the command's events.
CREATE TABLE journal_idempotency (
    key            TEXT    PRIMARY KEY NOT NULL,
    request_hash   BLOB    NOT NULL CHECK (length(request_hash) = 32),
    command_type   TEXT    NOT NULL,
    stream_id      TEXT    NOT NULL,
    stream_version INTEGER NOT NULL,
    position       INTEGER NOT NULL,
    events_written INTEGER NOT NULL,
    recorded_at    INTEGER NOT NULL
) WITHOUT ROWID;

-- The tape: one row per event, a gapless global position, hash-chained.
CREATE TABLE journal_events (
    seq             INTEGER PRIMARY KEY,
    event_id        BLOB    NOT NULL UNIQUE CHECK (length(event_id) = 16),
    stream_id       TEXT    NOT NULL CHECK (length(stream_id) BETWEEN 1 AND 200),
    stream_version  INTEGER NOT NULL CHECK (stream_version >= 1),
    event_type      TEXT    NOT NULL CHECK (length(event_type) BETWEEN 1 AND 200),
    recorded_at     INTEGER NOT NULL,
    metadata        BLOB    NOT NULL,
    payload         BLOB,
    payload_digest  BLOB    NOT NULL CHECK (length(payload_digest) = 32),
    prev_hash       BLOB    NOT NULL CHECK (length(prev_hash) = 32),
    hash            BLOB    NOT NULL CHECK (length(hash) = 32),
    UNIQUE (stream_id, stream_version)
);

CREATE INDEX journal_events_by_type ON journal_events (event_type, seq);

-- Append-only: no row is ever deleted.
CREATE TRIGGER journal_events_no_delete
BEFORE DELETE ON journal_events
BEGIN
    SELECT RAISE(ABORT, 'journal_events is append-only: rows cannot be deleted');
END;

-- The one update allowed: erasing a payload (set to NULL) with every other column unchanged.
CREATE TRIGGER journal_events_only_erasure
BEFORE UPDATE ON journal_events
WHEN NOT (
        NEW.payload IS NULL AND OLD.payload IS NOT NULL
    AND NEW.seq IS OLD.seq
    AND NEW.event_id IS OLD.event_id
    AND NEW.stream_id IS OLD.stream_id
    AND NEW.stream_version IS OLD.stream_version
    AND NEW.event_type IS OLD.event_type
    AND NEW.recorded_at IS OLD.recorded_at
    AND NEW.metadata IS OLD.metadata
    AND NEW.payload_digest IS OLD.payload_digest
    AND NEW.prev_hash IS OLD.prev_hash
    AND NEW.hash IS OLD.hash)
BEGIN
    SELECT RAISE(ABORT, 'journal_events is append-only: only a payload erasure may update a row');
END;

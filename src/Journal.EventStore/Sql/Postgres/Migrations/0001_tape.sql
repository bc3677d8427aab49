-- The tape on PostgreSQL: the same table, columns and meaning as on SQLite (docs/hash-chain.md, The table),
-- in PostgreSQL's types: integers as bigint, byte strings as bytea, text as text. One row per event, a
-- gapless global position, hash-chained.
CREATE TABLE journal_events (
    seq             bigint  PRIMARY KEY CHECK (seq >= 1),
    event_id        bytea   NOT NULL UNIQUE CHECK (octet_length(event_id) = 16),
    stream_id       text    NOT NULL CHECK (char_length(stream_id) BETWEEN 1 AND 200),
    stream_version  bigint  NOT NULL CHECK (stream_version >= 1),
    event_type      text    NOT NULL CHECK (char_length(event_type) BETWEEN 1 AND 200),
    recorded_at     bigint  NOT NULL,
    metadata        bytea   NOT NULL,
    payload         bytea,
    payload_digest  bytea   NOT NULL CHECK (octet_length(payload_digest) = 32),
    prev_hash       bytea   NOT NULL CHECK (octet_length(prev_hash) = 32),
    hash            bytea   NOT NULL CHECK (octet_length(hash) = 32),
    UNIQUE (stream_id, stream_version)
);

CREATE INDEX journal_events_by_type ON journal_events (event_type, seq);

-- Append-only, enforced by the database: no row is deleted, the table is never truncated, and the one
-- update allowed is a payload erasure (payload set to NULL, every other column unchanged).
CREATE FUNCTION journal_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'journal_events is append-only: rows cannot be deleted' USING ERRCODE = 'restrict_violation';
    ELSIF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'journal_events is append-only: the table cannot be truncated' USING ERRCODE = 'restrict_violation';
    ELSIF NOT (NEW.payload IS NULL AND OLD.payload IS NOT NULL
               AND NEW.seq = OLD.seq AND NEW.event_id = OLD.event_id AND NEW.stream_id = OLD.stream_id
               AND NEW.stream_version = OLD.stream_version AND NEW.event_type = OLD.event_type
               AND NEW.recorded_at = OLD.recorded_at AND NEW.metadata = OLD.metadata
               AND NEW.payload_digest = OLD.payload_digest AND NEW.prev_hash = OLD.prev_hash
               AND NEW.hash = OLD.hash) THEN
        RAISE EXCEPTION 'journal_events is append-only: only a payload erasure may update a row' USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER journal_events_no_delete BEFORE DELETE ON journal_events
    FOR EACH ROW EXECUTE FUNCTION journal_events_append_only();
CREATE TRIGGER journal_events_only_erasure BEFORE UPDATE ON journal_events
    FOR EACH ROW EXECUTE FUNCTION journal_events_append_only();
CREATE TRIGGER journal_events_no_truncate BEFORE TRUNCATE ON journal_events
    FOR EACH STATEMENT EXECUTE FUNCTION journal_events_append_only();

-- Facts about this journal: its id (named in signed checkpoints) and when it was created. Write-once.
CREATE TABLE journal_info (
    key   text PRIMARY KEY,
    value text NOT NULL
);

CREATE FUNCTION journal_info_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'journal_info is write-once' USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER journal_info_no_update BEFORE UPDATE OR DELETE ON journal_info
    FOR EACH ROW EXECUTE FUNCTION journal_info_write_once();

-- Commands sent with an idempotency key: the key, a hash of what the command asked for, and its first
-- result. Written in the same transaction as the command's events.
CREATE TABLE journal_idempotency (
    key            text    PRIMARY KEY,
    request_hash   bytea   NOT NULL CHECK (octet_length(request_hash) = 32),
    command_type   text    NOT NULL,
    stream_id      text    NOT NULL,
    stream_version bigint  NOT NULL,
    position       bigint  NOT NULL,
    events_written integer NOT NULL,
    recorded_at    bigint  NOT NULL
);

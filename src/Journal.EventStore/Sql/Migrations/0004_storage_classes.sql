-- Every column in the storage class docs/hash-chain.md names. The same bytes in another class hash the
-- same, but SQLite compares TEXT and BLOB as different values: a stream id stored as a BLOB is missed by
-- every lookup of its stream, and the stream could be given a second event at the same version. A CHECK
-- cannot be added to an existing table, so inserts are checked by a trigger; updates are already limited
-- to erasure by journal_events_only_erasure (IS compares the storage class too).
CREATE TRIGGER journal_events_storage_classes
BEFORE INSERT ON journal_events
WHEN typeof(NEW.seq) <> 'integer'
  OR typeof(NEW.event_id) <> 'blob'
  OR typeof(NEW.stream_id) <> 'text'
  OR typeof(NEW.stream_version) <> 'integer'
  OR typeof(NEW.event_type) <> 'text'
  OR typeof(NEW.recorded_at) <> 'integer'
  OR typeof(NEW.metadata) <> 'blob'
  OR typeof(NEW.payload) NOT IN ('blob', 'null')
  OR typeof(NEW.payload_digest) <> 'blob'
  OR typeof(NEW.prev_hash) <> 'blob'
  OR typeof(NEW.hash) <> 'blob'
BEGIN
    SELECT RAISE(ABORT, 'journal_events: a column is not in its storage class (docs/hash-chain.md, The table)');
END;

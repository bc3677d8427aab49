-- Migration 4 may only run when every existing row already has its columns in their storage class:
-- answers the first row that does not, as one line naming it (no row: the migration may run).
SELECT 'the row at seq ' || seq || ' stores ' || CASE
        WHEN typeof(event_id) <> 'blob' THEN 'event_id as ' || upper(typeof(event_id)) || ', the tape requires BLOB'
        WHEN typeof(stream_id) <> 'text' THEN 'stream_id as ' || upper(typeof(stream_id)) || ', the tape requires TEXT'
        WHEN typeof(stream_version) <> 'integer' THEN 'stream_version as ' || upper(typeof(stream_version)) || ', the tape requires INTEGER'
        WHEN typeof(event_type) <> 'text' THEN 'event_type as ' || upper(typeof(event_type)) || ', the tape requires TEXT'
        WHEN typeof(recorded_at) <> 'integer' THEN 'recorded_at as ' || upper(typeof(recorded_at)) || ', the tape requires INTEGER'
        WHEN typeof(metadata) <> 'blob' THEN 'metadata as ' || upper(typeof(metadata)) || ', the tape requires BLOB'
        WHEN typeof(payload) NOT IN ('blob', 'null') THEN 'payload as ' || upper(typeof(payload)) || ', the tape requires BLOB or NULL'
        WHEN typeof(payload_digest) <> 'blob' THEN 'payload_digest as ' || upper(typeof(payload_digest)) || ', the tape requires BLOB'
        WHEN typeof(prev_hash) <> 'blob' THEN 'prev_hash as ' || upper(typeof(prev_hash)) || ', the tape requires BLOB'
        ELSE 'hash as ' || upper(typeof(hash)) || ', the tape requires BLOB'
    END
FROM journal_events
WHERE typeof(event_id) <> 'blob'
   OR typeof(stream_id) <> 'text'
   OR typeof(stream_version) <> 'integer'
   OR typeof(event_type) <> 'text'
   OR typeof(recorded_at) <> 'integer'
   OR typeof(metadata) <> 'blob'
   OR typeof(payload) NOT IN ('blob', 'null')
   OR typeof(payload_digest) <> 'blob'
   OR typeof(prev_hash) <> 'blob'
   OR typeof(hash) <> 'blob'
ORDER BY seq
LIMIT 1;

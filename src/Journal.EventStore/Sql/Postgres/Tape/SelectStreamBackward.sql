-- As SelectStreamForward.sql, newest first: versions at or below @from (above the stream's version there are none).
SELECT e.seq, e.event_id, e.stream_id, e.stream_version, e.event_type, e.recorded_at, e.metadata, e.payload, e.payload_digest, e.prev_hash, e.hash, v.version
FROM (SELECT max(stream_version) AS version FROM journal_events WHERE stream_id = @stream_id) AS v
LEFT JOIN LATERAL (
    SELECT seq, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload, payload_digest, prev_hash, hash
    FROM journal_events WHERE stream_id = @stream_id AND stream_version <= @from ORDER BY stream_version DESC LIMIT @limit) AS e ON true
ORDER BY e.stream_version DESC;

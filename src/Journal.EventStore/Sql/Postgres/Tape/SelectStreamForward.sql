-- A page of one stream and the stream's version in one statement, so both come from one snapshot. The version
-- (last column) comes back alone, event columns NULL, when the page is empty.
SELECT e.seq, e.event_id, e.stream_id, e.stream_version, e.event_type, e.recorded_at, e.metadata, e.payload, e.payload_digest, e.prev_hash, e.hash, v.version
FROM (SELECT max(stream_version) AS version FROM journal_events WHERE stream_id = @stream_id) AS v
LEFT JOIN LATERAL (
    SELECT seq, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload, payload_digest, prev_hash, hash
    FROM journal_events WHERE stream_id = @stream_id AND stream_version >= @from ORDER BY stream_version LIMIT @limit) AS e ON true
ORDER BY e.stream_version;

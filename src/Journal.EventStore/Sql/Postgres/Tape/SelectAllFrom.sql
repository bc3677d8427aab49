SELECT seq, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload, payload_digest, prev_hash, hash
FROM journal_events WHERE seq >= @from ORDER BY seq LIMIT @limit;

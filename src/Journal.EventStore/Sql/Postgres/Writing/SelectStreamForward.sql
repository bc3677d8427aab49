SELECT seq, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload, payload_digest, prev_hash, hash
FROM journal_events WHERE stream_id = @stream_id AND stream_version >= @from ORDER BY stream_version LIMIT @limit;

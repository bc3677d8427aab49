-- A page of the rows verification checks, text columns as their UTF-8 bytes (what the chain hash covers).
SELECT seq, event_id, convert_to(stream_id, 'UTF8'), stream_version, convert_to(event_type, 'UTF8'), recorded_at, metadata, payload, payload_digest, prev_hash, hash
FROM journal_events WHERE seq >= @from AND seq <= @to ORDER BY seq LIMIT @limit;

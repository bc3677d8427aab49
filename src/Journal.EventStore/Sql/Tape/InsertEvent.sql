INSERT INTO journal_events (seq, event_id, stream_id, stream_version, event_type, recorded_at, metadata, payload, payload_digest, prev_hash, hash)
VALUES ($seq, $event_id, $stream_id, $stream_version, $event_type, $recorded_at, $metadata, $payload, $payload_digest, $prev_hash, $hash);

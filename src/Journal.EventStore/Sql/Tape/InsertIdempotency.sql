INSERT INTO journal_idempotency (key, request_hash, command_type, stream_id, stream_version, position, events_written, recorded_at)
VALUES ($key, $request_hash, $command_type, $stream_id, $stream_version, $position, $events_written, $recorded_at);

SELECT request_hash, command_type, stream_id, stream_version, position, events_written FROM journal_idempotency WHERE key = @key;

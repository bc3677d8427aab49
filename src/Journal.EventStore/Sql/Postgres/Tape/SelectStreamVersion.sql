SELECT max(stream_version) FROM journal_events WHERE stream_id = @stream_id;

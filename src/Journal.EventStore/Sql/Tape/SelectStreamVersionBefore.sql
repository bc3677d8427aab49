SELECT stream_version FROM journal_events WHERE stream_id = CAST($stream AS TEXT) AND seq < $before ORDER BY stream_version DESC LIMIT 1;

SELECT stream_version FROM journal_events WHERE stream_id = convert_from(@stream, 'UTF8') AND seq < @before ORDER BY stream_version DESC LIMIT 1;

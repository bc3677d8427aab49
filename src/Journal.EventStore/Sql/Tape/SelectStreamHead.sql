-- A stream's last version and its position: one seek on the (stream_id, stream_version) unique index.
SELECT stream_version, seq FROM journal_events WHERE stream_id = $stream_id ORDER BY stream_version DESC LIMIT 1;

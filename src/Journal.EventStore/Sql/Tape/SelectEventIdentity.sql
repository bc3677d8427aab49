SELECT seq, stream_id, stream_version, event_type, payload_digest FROM journal_events WHERE event_id = $event_id;

SELECT event_id, seq, stream_id, stream_version, event_type, payload_digest FROM journal_events WHERE event_id = ANY(@event_ids);

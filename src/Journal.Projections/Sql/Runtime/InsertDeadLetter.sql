INSERT OR REPLACE INTO projection_dead_letters (projection, seq, event_id, event_type, error, action, recorded_at)
VALUES ($projection, $seq, $event_id, $event_type, $error, $action, $recorded_at);

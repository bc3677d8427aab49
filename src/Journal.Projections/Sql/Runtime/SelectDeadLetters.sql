SELECT projection, seq, event_id, event_type, error, action, recorded_at FROM projection_dead_letters ORDER BY projection, seq;

SELECT name, position, state, last_event_at, updated_at FROM projection_checkpoints;

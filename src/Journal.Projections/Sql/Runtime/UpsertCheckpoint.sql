INSERT INTO projection_checkpoints (name, position, state, last_event_at, updated_at)
VALUES ($name, $position, $state, $last_event_at, $updated_at)
ON CONFLICT (name) DO UPDATE SET position = excluded.position, state = excluded.state,
    last_event_at = excluded.last_event_at, updated_at = excluded.updated_at;

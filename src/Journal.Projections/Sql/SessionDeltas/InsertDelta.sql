INSERT INTO session_deltas_v3_deltas (session_id, position, change_type, at, before, after)
VALUES ($session_id, $position, $change_type, $at, $before, $after);

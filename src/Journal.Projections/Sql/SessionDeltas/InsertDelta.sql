INSERT INTO session_deltas_v2_deltas (session_id, position, change_type, at, before, after)
VALUES ($session_id, $position, $change_type, $at, $before, $after);

-- A change with its undo (null for a created session), or the whole view before when no undo could be made.
INSERT INTO session_deltas_v4_deltas (session_id, position, change_type, at, undo, before)
VALUES ($session_id, $position, $change_type, $at, $undo, $before);

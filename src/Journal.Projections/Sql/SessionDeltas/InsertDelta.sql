-- The view before is not stored: it is the after of the session's previous change (see Create.sql).
INSERT INTO session_deltas_v4_deltas (session_id, position, change_type, at, after)
VALUES ($session_id, $position, $change_type, $at, $after);

-- A session's changes, newest first, each with its undo (the views come from the session's current
-- view, SelectView, walked back).
SELECT position, change_type, at, undo, before
FROM session_deltas_v4_deltas
WHERE session_id = $session_id
ORDER BY position DESC
LIMIT $limit;

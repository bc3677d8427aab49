-- A session's changes, newest first.
SELECT session_id, position, change_type, at, before, after
FROM session_deltas_v3_deltas
WHERE session_id = $session_id
ORDER BY position DESC
LIMIT $limit;

-- A session's changes, newest first. The view before a change is the after of the change before it in
-- the same session (LAG over one row more than asked for, so the oldest row returned has its
-- predecessor), unless retention deleted that predecessor and kept its after in `before`.
SELECT session_id, position, change_type, at, COALESCE(before, previous_after), after
FROM (
    SELECT page.*, LAG(after) OVER (ORDER BY position) AS previous_after
    FROM (
        SELECT session_id, position, change_type, at, before, after
        FROM session_deltas_v4_deltas
        WHERE session_id = $session_id
        ORDER BY position DESC
        LIMIT $limit + 1
    ) AS page
)
ORDER BY position DESC
LIMIT $limit;

-- Retention: each session's changes up to and including its newest one recorded before the cutoff. Only
-- a prefix of a session's changes goes, so the views of the changes kept can still be walked back from
-- the current view.
WITH pruned AS (
    SELECT session_id, max(position) AS last_position
    FROM session_deltas_v4_deltas
    WHERE at < $cutoff
    GROUP BY session_id
)
DELETE FROM session_deltas_v4_deltas
WHERE position IN (
    SELECT d.position
    FROM session_deltas_v4_deltas AS d
    JOIN pruned AS p ON d.session_id = p.session_id AND d.position <= p.last_position
);

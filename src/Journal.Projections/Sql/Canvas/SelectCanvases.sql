-- Canvases without their states, by id descending (newest first for the journal's version 7 ids);
-- keyset on the id; one row more than the page to see if another follows.
SELECT canvas_id, session_id, version, state_sha256, created_at, updated_at, last_snapshot_version, mismatches, last_position
FROM canvas_v1_canvases
WHERE $before_id IS NULL OR canvas_id < $before_id
ORDER BY canvas_id DESC
LIMIT $limit;

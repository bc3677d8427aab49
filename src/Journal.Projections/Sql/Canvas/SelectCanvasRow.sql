-- A canvas without its state (a conditional GET's version check).
SELECT canvas_id, session_id, version, state_sha256, created_at, updated_at, last_snapshot_version, mismatches, last_position
FROM canvas_v1_canvases
WHERE canvas_id = $canvas_id;

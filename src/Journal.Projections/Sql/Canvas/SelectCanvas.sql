SELECT canvas_id, session_id, version, state_sha256, created_at, updated_at, last_snapshot_version, mismatches, last_position, state
FROM canvas_v1_canvases
WHERE canvas_id = $canvas_id;

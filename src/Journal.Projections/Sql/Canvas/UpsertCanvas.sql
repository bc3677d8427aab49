INSERT INTO canvas_v1_canvases (canvas_id, session_id, version, state, state_sha256, created_at, updated_at, last_snapshot_version, mismatches, last_position)
VALUES ($canvas_id, $session_id, $version, $state, $state_sha256, $created_at, $updated_at, $last_snapshot_version, $mismatches, $last_position)
ON CONFLICT (canvas_id) DO UPDATE SET
    version = excluded.version,
    state = excluded.state,
    state_sha256 = excluded.state_sha256,
    updated_at = excluded.updated_at,
    last_snapshot_version = excluded.last_snapshot_version,
    mismatches = excluded.mismatches,
    last_position = excluded.last_position;

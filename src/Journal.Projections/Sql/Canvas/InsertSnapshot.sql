INSERT OR REPLACE INTO canvas_v1_snapshots (canvas_id, version, state, state_sha256)
VALUES ($canvas_id, $version, $state, $state_sha256);

SELECT version, state, state_sha256
FROM canvas_v1_snapshots
WHERE canvas_id = $canvas_id AND version <= $version
ORDER BY version DESC
LIMIT 1;

-- The versions after a snapshot up to the one asked for, oldest first (each holds its patch).
SELECT version, kind, patch, state_sha256
FROM canvas_v1_versions
WHERE canvas_id = $canvas_id AND version > $after_version AND version <= $version
ORDER BY version;

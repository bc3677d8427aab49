SELECT canvas_id, version, position, expected_sha256, actual_sha256, reason
FROM canvas_v1_mismatches
ORDER BY position
LIMIT $limit;

INSERT OR REPLACE INTO canvas_v1_mismatches (canvas_id, version, position, expected_sha256, actual_sha256, reason)
VALUES ($canvas_id, $version, $position, $expected_sha256, $actual_sha256, $reason);

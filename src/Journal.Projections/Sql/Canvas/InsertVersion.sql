INSERT INTO canvas_v1_versions (canvas_id, version, kind, patch, restored_version, state_sha256, actor, principal, at, position)
VALUES ($canvas_id, $version, $kind, $patch, $restored_version, $state_sha256, $actor, $principal, $at, $position);

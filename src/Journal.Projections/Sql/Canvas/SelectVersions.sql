-- Newest version first; keyset on version; one row more than the page to see if another follows.
SELECT canvas_id, version, kind, restored_version, state_sha256, actor, principal, at, position
FROM canvas_v1_versions
WHERE canvas_id = $id
  AND ($before_version IS NULL OR version < $before_version)
ORDER BY version DESC
LIMIT $limit;

-- Newest version first; keyset on version; one row more than the page to see if another follows.
SELECT document_id, version, content_sha256, size_bytes, at, position
FROM workspace_v1_versions
WHERE document_id = $id
  AND ($before_version IS NULL OR version < $before_version)
ORDER BY version DESC
LIMIT $limit;

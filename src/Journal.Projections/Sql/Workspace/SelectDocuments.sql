-- By path (then id: a deleted document may share a path with a live one); keyset on (path, document_id);
-- one row more than the page to see if another follows. The prefix test is exact (no LIKE wildcards).
SELECT document_id, path, status, version, content_sha256, size_bytes, created_at, updated_at, stream_version, last_position
FROM workspace_v1_documents
WHERE ($path_prefix IS NULL OR (path >= $path_prefix AND substr(path, 1, length($path_prefix)) = $path_prefix))
  AND ($include_deleted OR status = 'Active')
  AND ($after_path IS NULL OR (path, document_id) > ($after_path, $after_document_id))
ORDER BY path, document_id
LIMIT $limit;

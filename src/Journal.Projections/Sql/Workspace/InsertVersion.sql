INSERT OR IGNORE INTO workspace_v1_versions (document_id, version, content, content_sha256, size_bytes, at, position)
VALUES ($document_id, $version, $content, $content_sha256, $size_bytes, $at, $position);

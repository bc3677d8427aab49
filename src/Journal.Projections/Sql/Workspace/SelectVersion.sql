SELECT document_id, version, content, content_sha256, size_bytes, at, position
FROM workspace_v1_versions
WHERE document_id = $document_id AND version = $version;

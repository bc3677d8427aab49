-- A document with its latest content.
SELECT d.document_id, d.path, d.status, d.version, d.content_sha256, d.size_bytes, d.created_at, d.updated_at,
       d.stream_version, d.last_position, v.content
FROM workspace_v1_documents d
JOIN workspace_v1_versions v ON v.document_id = d.document_id AND v.version = d.version
WHERE d.document_id = $document_id;

INSERT INTO workspace_v1_documents (
    document_id, path, status, version, content_sha256, size_bytes, created_at, updated_at, stream_version, last_position)
VALUES (
    $document_id, $path, $status, $version, $content_sha256, $size_bytes, $created_at, $updated_at, $stream_version, $last_position)
ON CONFLICT (document_id) DO UPDATE SET
    path = excluded.path,
    status = excluded.status,
    version = excluded.version,
    content_sha256 = excluded.content_sha256,
    size_bytes = excluded.size_bytes,
    created_at = excluded.created_at,
    updated_at = excluded.updated_at,
    stream_version = excluded.stream_version,
    last_position = excluded.last_position;

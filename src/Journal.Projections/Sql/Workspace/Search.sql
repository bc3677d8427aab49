-- $match is built by FtsQuery from quoted words only, never raw user text. bm25 is lower for better
-- matches; ties go by path.
SELECT d.document_id, d.path, d.version, bm25(workspace_v1_fts) AS rank,
       snippet(workspace_v1_fts, 0, $mark_open, $mark_close, $ellipsis, $snippet_tokens)
FROM workspace_v1_fts
JOIN workspace_v1_documents d ON d.doc_rowid = workspace_v1_fts.rowid
WHERE workspace_v1_fts MATCH $match
  AND d.status = 'Active'
  AND ($path_prefix IS NULL OR (d.path >= $path_prefix AND substr(d.path, 1, length($path_prefix)) = $path_prefix))
ORDER BY rank, d.path
LIMIT $limit;

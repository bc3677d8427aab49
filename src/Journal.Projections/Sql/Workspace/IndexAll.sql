-- The end of a rebuild's replay: the index entry of every active document (its latest version's content,
-- keyed by the row's doc_rowid), written once, into an index the replay left empty.
INSERT INTO workspace_v1_fts (rowid, content)
SELECT d.doc_rowid, v.content
FROM workspace_v1_documents d
JOIN workspace_v1_versions v ON v.document_id = d.document_id AND v.version = d.version
WHERE d.status = 'Active'
ORDER BY d.doc_rowid;

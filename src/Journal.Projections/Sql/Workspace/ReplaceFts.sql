-- The index entry of a document (keyed by its row's doc_rowid): the old one out, the latest content in
-- while the document is active. Both statements run together, so it can be written once per batch.
DELETE FROM workspace_v1_fts
WHERE rowid = (SELECT doc_rowid FROM workspace_v1_documents WHERE document_id = $document_id);
INSERT INTO workspace_v1_fts (rowid, content)
SELECT doc_rowid, $content FROM workspace_v1_documents WHERE document_id = $document_id AND $active;

DELETE FROM workspace_v1_fts
WHERE rowid = (SELECT doc_rowid FROM workspace_v1_documents WHERE document_id = $document_id);

INSERT INTO workspace_v1_fts (rowid, content)
SELECT doc_rowid, $content FROM workspace_v1_documents WHERE document_id = $document_id;

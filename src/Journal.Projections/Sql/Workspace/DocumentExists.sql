SELECT count(*) FROM workspace_v1_documents WHERE document_id = $document_id;

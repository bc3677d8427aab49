INSERT INTO workspace_v1_fts (workspace_v1_fts) VALUES ('integrity-check');

INSERT INTO memory_v1_fts (rowid, content) VALUES ($item_rowid, $content);

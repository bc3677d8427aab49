-- Forgets an item everywhere in the read model: its text (the index), its vector, its row.
DELETE FROM memory_v1_fts WHERE rowid = (SELECT item_rowid FROM memory_v1_items WHERE item_id = $item_id);
DELETE FROM memory_v1_vectors WHERE item_rowid = (SELECT item_rowid FROM memory_v1_items WHERE item_id = $item_id);
DELETE FROM memory_v1_items WHERE item_id = $item_id;

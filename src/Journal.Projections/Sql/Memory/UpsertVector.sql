-- Written by the projection (inline embedding) and by the background embedder; the embedder's write
-- lands only while the item it embedded is still there (same rowid and id). version is a column of
-- files made when vectors also carried a provider version; the model id now names the whole model,
-- so it is always 1.
INSERT INTO memory_v1_vectors (item_rowid, model, dimensions, version, vector, embedded_at)
SELECT $item_rowid, $model, $dimensions, 1, $vector, $at
WHERE EXISTS (SELECT 1 FROM memory_v1_items WHERE item_rowid = $item_rowid AND item_id = $item_id)
ON CONFLICT (item_rowid) DO UPDATE SET
    model = excluded.model, dimensions = excluded.dimensions, version = excluded.version,
    vector = excluded.vector, embedded_at = excluded.embedded_at;

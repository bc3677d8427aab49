-- Items pending an embedding: no vector yet, or one made by another model or of another length
-- ($dimensions is null when the model does not say its length: then any length of the model will do).
SELECT i.item_rowid, i.item_id, i.principal, f.content
FROM memory_v1_items i
JOIN memory_v1_fts f ON f.rowid = i.item_rowid
LEFT JOIN memory_v1_vectors v ON v.item_rowid = i.item_rowid
WHERE v.item_rowid IS NULL OR v.model <> $model OR ($dimensions IS NOT NULL AND v.dimensions <> $dimensions)
ORDER BY i.item_rowid
LIMIT $limit;

-- Items whose vector is missing or was made by another model, version or size: the embedder's work.
SELECT i.item_rowid, i.item_id, i.principal, f.content
FROM memory_v1_items i
JOIN memory_v1_fts f ON f.rowid = i.item_rowid
LEFT JOIN memory_v1_vectors v ON v.item_rowid = i.item_rowid
WHERE v.item_rowid IS NULL OR v.model <> $model OR v.dimensions <> $dimensions OR v.version <> $version
ORDER BY i.item_rowid
LIMIT $limit;

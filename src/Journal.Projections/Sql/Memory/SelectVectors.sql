-- Every vector of a principal made by the current model at the query's length, with what recall filters and ranks by.
SELECT i.item_rowid, i.channel, i.session_id, i.tags, i.source, i.confidence, i.created_at, i.expires_at, v.vector
FROM memory_v1_items i
JOIN memory_v1_vectors v ON v.item_rowid = i.item_rowid
WHERE i.principal = $principal AND v.model = $model AND v.dimensions = $dimensions
ORDER BY i.item_rowid;

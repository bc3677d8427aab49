-- Every vector of a principal made by the current model, with what recall filters and ranks by.
SELECT i.item_rowid, i.channel, i.session_id, i.tags, i.source, i.confidence, i.created_at, i.expires_at, v.vector
FROM memory_v1_items i
JOIN memory_v1_vectors v ON v.item_rowid = i.item_rowid
WHERE i.principal = $principal AND v.model = $model AND v.dimensions = $dimensions AND v.version = $version
ORDER BY i.item_rowid;

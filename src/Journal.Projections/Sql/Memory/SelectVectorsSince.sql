-- The vectors of a principal's items added after position $after (the recall cache's append path).
SELECT i.item_rowid, i.channel, i.session_id, i.tags, i.source, i.confidence, i.created_at, i.expires_at, v.vector, d.sz
FROM memory_v1_items i
JOIN memory_v1_vectors v ON v.item_rowid = i.item_rowid
LEFT JOIN memory_v1_fts_docsize d ON d.id = i.item_rowid
WHERE i.principal = $principal AND i.position > $after
  AND v.model = $model AND v.dimensions = $dimensions
ORDER BY i.item_rowid;

SELECT i.item_rowid, i.item_id, i.principal, i.channel, i.session_id, f.content, i.tags, i.source, i.confidence,
       i.created_at, i.updated_at, i.expires_at, i.position,
       v.model, v.dimensions
FROM memory_v1_items i
JOIN memory_v1_fts f ON f.rowid = i.item_rowid
LEFT JOIN memory_v1_vectors v ON v.item_rowid = i.item_rowid
WHERE i.item_id = $item_id;

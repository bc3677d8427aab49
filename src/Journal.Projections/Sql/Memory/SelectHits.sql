SELECT i.item_rowid, i.item_id, i.principal, i.channel, i.session_id, f.content, i.tags, i.source, i.confidence,
       i.created_at, i.updated_at, i.expires_at, i.position
FROM memory_v1_items i
JOIN memory_v1_fts f ON f.rowid = i.item_rowid
WHERE i.item_rowid IN (SELECT value FROM json_each($rowids));

-- The full-text branch of recall. $match is built by MemoryFtsQuery from quoted words only, never raw
-- user text; bm25 is lower for better matches. Scope, expiry, source and tag filters apply before the limit.
SELECT i.item_rowid, bm25(memory_v1_fts) AS rank, i.source, i.confidence, i.created_at
FROM memory_v1_fts
JOIN memory_v1_items i ON i.item_rowid = memory_v1_fts.rowid
WHERE memory_v1_fts MATCH $match
  AND i.principal = $principal
  AND ($channel IS NULL OR i.channel = $channel)
  AND ($session_id IS NULL OR i.session_id = $session_id)
  AND (i.expires_at IS NULL OR i.expires_at > $now)
  AND ($sources IS NULL OR i.source IN (SELECT value FROM json_each($sources)))
  AND ($tags IS NULL OR NOT EXISTS (SELECT 1 FROM json_each($tags) t WHERE instr(i.tags, ',' || t.value || ',') = 0))
ORDER BY rank
LIMIT $limit;

-- Every item of a scope (expired ones too: a purge forgets them as well).
SELECT item_id FROM memory_v1_items
WHERE principal = $principal
  AND ($channel IS NULL OR channel = $channel)
  AND ($session_id IS NULL OR session_id = $session_id)
ORDER BY item_rowid;

INSERT INTO memory_v1_items (item_id, principal, channel, session_id, tags, source, confidence, size_bytes, created_at, updated_at, expires_at, position)
VALUES ($item_id, $principal, $channel, $session_id, $tags, $source, $confidence, $size_bytes, $at, $at, $expires_at, $position)
ON CONFLICT (item_id) DO NOTHING
RETURNING item_rowid;

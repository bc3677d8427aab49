SELECT DISTINCT o.stream_id
FROM journal_events o
WHERE o.event_type IN (SELECT value FROM json_each($opening))
  AND substr(o.stream_id, 1, length($prefix)) = $prefix
  AND NOT EXISTS (
      SELECT 1 FROM journal_events c
      WHERE c.stream_id = o.stream_id AND c.event_type IN (SELECT value FROM json_each($closing)))
ORDER BY o.stream_id;

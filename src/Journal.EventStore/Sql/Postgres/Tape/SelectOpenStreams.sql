-- Streams of a category with an opening event and no closing one, ordered by their bytes (COLLATE "C") as SQLite
-- orders them, whatever the database's collation.
SELECT DISTINCT o.stream_id COLLATE "C" AS stream_id
FROM journal_events o
WHERE o.event_type = ANY(@opening)
  AND starts_with(o.stream_id, @prefix)
  AND NOT EXISTS (
      SELECT 1 FROM journal_events c
      WHERE c.stream_id = o.stream_id AND c.event_type = ANY(@closing))
ORDER BY 1;

-- The head (no row on an empty tape: the columns are null) and every type registered to open or close a stream,
-- read under the head lock, which a registration also takes: the commit moves the kept open set only when the
-- group holds one of them.
SELECT h.seq, h.hash, h.recorded_at, ARRAY(SELECT event_type FROM journal_open_types)
FROM (SELECT 1) AS one
LEFT JOIN LATERAL (SELECT seq, hash, recorded_at FROM journal_events ORDER BY seq DESC LIMIT 1) AS h ON true;

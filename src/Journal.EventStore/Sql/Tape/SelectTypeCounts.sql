-- The kept counts by type and the rows after the position they were folded through (Tape/SelectStats.sql).
-- NOT INDEXED keeps SQLite on the rowid range: left to itself it would group by walking the whole
-- (event_type, seq) index, a scan of the tape.
SELECT event_type, sum(events) FROM (
    SELECT event_type, events FROM journal_type_counts
    UNION ALL
    SELECT event_type, count(*) FROM journal_events NOT INDEXED
    WHERE seq > (SELECT counted_through FROM journal_counts WHERE id = 1)
    GROUP BY event_type)
GROUP BY event_type
ORDER BY event_type;

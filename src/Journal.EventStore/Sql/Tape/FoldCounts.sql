-- Folds the rows after the kept counts' position, up to $through (the group's last position, in the same
-- transaction), into the counts: the types first, while counted_through still names where the rows start.
-- The WHERE clause also tells SQLite's parser that ON CONFLICT belongs to the upsert; NOT INDEXED keeps it on
-- the rowid range (the (event_type, seq) index would make the GROUP BY a scan of the tape).
INSERT INTO journal_type_counts (event_type, events)
SELECT event_type, count(*) FROM journal_events NOT INDEXED
WHERE seq > (SELECT counted_through FROM journal_counts WHERE id = 1) AND seq <= $through
GROUP BY event_type
ON CONFLICT (event_type) DO UPDATE SET events = events + excluded.events;

UPDATE journal_counts
SET events = events + (SELECT count(*) FROM journal_events AS e NOT INDEXED
                       WHERE e.seq > journal_counts.counted_through AND e.seq <= $through),
    streams = streams + (SELECT count(*) FROM journal_events AS e NOT INDEXED
                         WHERE e.seq > journal_counts.counted_through AND e.seq <= $through AND e.stream_version = 1),
    counted_through = $through
WHERE id = 1 AND counted_through < $through;

-- The kept counts (Migrations/0005_counts.sql, 0007_counts_fold.sql) and the rows after the position they were
-- folded through: fewer than 1,024 plus one group's, read by position.
SELECT c.events + (SELECT count(*) FROM journal_events AS e NOT INDEXED WHERE e.seq > c.counted_through),
       c.streams + (SELECT count(*) FROM journal_events AS e NOT INDEXED WHERE e.seq > c.counted_through AND e.stream_version = 1),
       c.erased_payloads
FROM journal_counts AS c
WHERE c.id = 1;

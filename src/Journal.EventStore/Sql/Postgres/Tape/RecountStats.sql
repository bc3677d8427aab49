-- The full recount the maintenance check compares with the kept counts (SelectStats.sql): scans the tape.
SELECT (SELECT count(*) FROM journal_events),
       (SELECT count(DISTINCT stream_id) FROM journal_events),
       (SELECT count(*) FROM journal_events WHERE payload IS NULL);

-- The full recount the maintenance check compares with the kept counts (Tape/SelectStats.sql): scans the tape.
SELECT (SELECT count(*) FROM journal_events),
       (SELECT count(*) FROM (SELECT DISTINCT stream_id FROM journal_events)),
       (SELECT count(*) FROM journal_events WHERE payload IS NULL);

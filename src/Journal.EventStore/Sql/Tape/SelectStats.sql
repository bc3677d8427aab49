SELECT (SELECT count(*) FROM journal_events),
       (SELECT count(*) FROM (SELECT DISTINCT stream_id FROM journal_events)),
       (SELECT count(*) FROM journal_events WHERE payload IS NULL);

-- One statement, so the three counts come from one snapshot.
SELECT (SELECT count(*) FROM journal_events),
       (SELECT count(DISTINCT stream_id) FROM journal_events),
       (SELECT count(*) FROM journal_events WHERE payload IS NULL);

SELECT event_type, count(*) FROM journal_events GROUP BY event_type ORDER BY event_type COLLATE "C";

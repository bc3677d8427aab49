SELECT COALESCE(max(seq), 0) FROM journal_events;

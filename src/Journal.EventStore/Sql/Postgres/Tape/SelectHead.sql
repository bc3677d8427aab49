SELECT seq, hash FROM journal_events ORDER BY seq DESC LIMIT 1;

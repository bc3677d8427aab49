SELECT seq, hash, recorded_at FROM journal_events ORDER BY seq DESC LIMIT 1;

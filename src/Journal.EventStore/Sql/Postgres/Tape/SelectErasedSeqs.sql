SELECT seq FROM journal_events WHERE payload IS NULL AND seq <= @to ORDER BY seq;

SELECT hash FROM journal_events WHERE seq >= $from AND seq <= $to ORDER BY seq;

SELECT hash FROM journal_events WHERE seq = @seq;

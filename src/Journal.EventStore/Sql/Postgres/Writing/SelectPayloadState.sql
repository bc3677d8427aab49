SELECT event_type, payload IS NULL FROM journal_events WHERE seq = @seq;

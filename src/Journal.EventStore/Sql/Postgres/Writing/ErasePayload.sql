UPDATE journal_events SET payload = NULL WHERE seq = @seq;

UPDATE journal_events SET payload = NULL WHERE seq = $seq AND payload IS NOT NULL;

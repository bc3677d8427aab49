SELECT seq FROM journal_events WHERE hash = @hash AND seq <> @seq ORDER BY seq LIMIT 1;

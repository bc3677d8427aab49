SELECT value FROM journal_info WHERE key = 'journal_id';

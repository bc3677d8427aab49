SELECT key, value FROM journal_info;

INSERT OR IGNORE INTO journal_info (key, value) VALUES ($key, $value);

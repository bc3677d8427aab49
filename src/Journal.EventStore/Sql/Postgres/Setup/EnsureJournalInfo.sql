-- The first instance to open an empty database names the journal; every later one reads that name.
INSERT INTO journal_info (key, value) VALUES ('journal_id', @journal_id), ('created_at', @created_at) ON CONFLICT (key) DO NOTHING;
SELECT value FROM journal_info WHERE key = 'journal_id';

-- Virtual tables first: dropping one (FTS5) drops its shadow tables too, while a shadow table dropped
-- before its virtual table makes the virtual table's own DROP fail.
SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'
ORDER BY (sql LIKE 'CREATE VIRTUAL TABLE%') DESC, rowid;

-- The ordinary indexes of one projection's tables (its table prefix), with the statements that made
-- them: a rebuild drops them while it replays into empty tables and runs these statements once at the
-- end, one sorted build per index instead of an index insert per row. Unique indexes stay: they are
-- keys that upserts and look-ups during the replay rely on. Automatic indexes have no statement.
SELECT name, sql
FROM sqlite_master AS m
WHERE m.type = 'index'
  AND m.sql IS NOT NULL
  AND substr(m.tbl_name, 1, length($prefix)) = $prefix
  AND NOT EXISTS (SELECT 1 FROM pragma_index_list(m.tbl_name) AS l WHERE l.name = m.name AND l."unique" = 1)
ORDER BY m.rowid;

-- FTS5's averages record: the varint number of rows, then each column's varint number of tokens (bm25's N and avgdl).
SELECT block FROM memory_v1_fts_data WHERE id = 1;

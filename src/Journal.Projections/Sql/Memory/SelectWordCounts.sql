-- How many indexed items hold each query word ($words: a JSON array), and an upper bound on how many
-- items there are (the highest row id; deletions only make it larger than the count). fts5vocab reads
-- each word's entry in the index directly.
SELECT v.term, v.doc, (SELECT coalesce(max(item_rowid), 0) FROM memory_v1_items)
FROM memory_v1_fts_vocab v
WHERE v.term IN (SELECT value FROM json_each($words));

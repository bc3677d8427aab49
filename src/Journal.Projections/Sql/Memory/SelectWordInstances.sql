-- Every occurrence of the query's words ($words: a JSON array of index terms) as (term, item row): fts5vocab
-- seeks each term and reads its position list, without scoring or joining a row.
SELECT v.term, v.doc
FROM memory_v1_fts_instances v
WHERE v.term IN (SELECT value FROM json_each($words));

-- The full-precision vectors of some items ($rowids: a JSON array) made by the current model at the
-- query's length: the rerank after an int8 scan, and the similarity of full-text hits.
SELECT v.item_rowid, v.vector
FROM memory_v1_vectors v
WHERE v.item_rowid IN (SELECT value FROM json_each($rowids)) AND v.model = $model AND v.dimensions = $dimensions;

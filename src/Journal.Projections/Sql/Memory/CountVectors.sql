-- How many rows SelectVectors.sql answers (the recall cache sizes a principal's set before reading a vector).
SELECT count(*)
FROM memory_v1_items i
JOIN memory_v1_vectors v ON v.item_rowid = i.item_rowid
WHERE i.principal = $principal AND v.model = $model AND v.dimensions = $dimensions;

-- How many rows SelectVectorsSince.sql answers (the recall cache sizes an extension before reading a vector).
SELECT count(*)
FROM memory_v1_items i
JOIN memory_v1_vectors v ON v.item_rowid = i.item_rowid
WHERE i.principal = $principal AND i.position > $after
  AND v.model = $model AND v.dimensions = $dimensions;

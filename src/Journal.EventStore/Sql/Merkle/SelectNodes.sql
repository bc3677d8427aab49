-- The nodes a root or a proof needs, in one statement: $keys is a JSON array of [level, idx] pairs. CROSS JOIN keeps
-- the keys as the outer loop, so each is one primary-key lookup.
SELECT n.level, n.idx, n.hash
FROM json_each($keys) AS k CROSS JOIN merkle_nodes AS n
WHERE n.level = k.value ->> 0 AND n.idx = k.value ->> 1;

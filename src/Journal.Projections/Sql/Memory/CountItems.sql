-- How many items a principal has, with a vector or not: a set holding them all can score recall's words itself.
SELECT count(*) FROM memory_v1_items WHERE principal = $principal;

-- How many items a principal added after position $after, with a vector or not.
SELECT count(*) FROM memory_v1_items WHERE principal = $principal AND position > $after;

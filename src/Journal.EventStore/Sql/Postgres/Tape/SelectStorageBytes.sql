-- Bytes on disk of the named tables with their indexes and TOAST (tables that do not exist count nothing).
SELECT COALESCE(sum(pg_total_relation_size(to_regclass(name))), 0)::bigint
FROM unnest(@names::text[]) AS t(name)
WHERE to_regclass(name) IS NOT NULL;

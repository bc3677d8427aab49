-- Per principal, the items beyond the newest $max_items.
SELECT item_id FROM (
    SELECT item_id, row_number() OVER (PARTITION BY principal ORDER BY created_at DESC, item_rowid DESC) AS n
    FROM memory_v1_items)
WHERE n > $max_items
LIMIT $limit;

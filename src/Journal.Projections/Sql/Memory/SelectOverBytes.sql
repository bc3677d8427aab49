-- Per principal, the items beyond the newest ones that together fit in $max_bytes.
SELECT item_id FROM (
    SELECT item_id, sum(size_bytes) OVER (PARTITION BY principal ORDER BY created_at DESC, item_rowid DESC ROWS UNBOUNDED PRECEDING) AS running
    FROM memory_v1_items)
WHERE running > $max_bytes
LIMIT $limit;

SELECT item_id FROM memory_v1_items WHERE created_at < $cutoff ORDER BY created_at LIMIT $limit;

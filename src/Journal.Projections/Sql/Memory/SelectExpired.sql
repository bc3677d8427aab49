SELECT item_id FROM memory_v1_items WHERE expires_at IS NOT NULL AND expires_at <= $now ORDER BY expires_at LIMIT $limit;

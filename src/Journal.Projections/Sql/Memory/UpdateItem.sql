UPDATE memory_v1_items SET tags = $tags, confidence = $confidence, updated_at = $at, position = $position
WHERE item_id = $item_id;

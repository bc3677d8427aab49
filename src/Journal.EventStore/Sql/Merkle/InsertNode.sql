INSERT INTO merkle_nodes (level, idx, hash) VALUES ($level, $idx, $hash) ON CONFLICT (level, idx) DO NOTHING;

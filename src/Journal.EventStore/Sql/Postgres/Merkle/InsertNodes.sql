INSERT INTO journal_merkle_nodes (level, idx, hash)
SELECT * FROM unnest(@levels::smallint[], @idxs::bigint[], @hashes::bytea[])
ON CONFLICT (level, idx) DO NOTHING;

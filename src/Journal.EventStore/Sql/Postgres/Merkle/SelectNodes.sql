SELECT n.level, n.idx, n.hash
FROM journal_merkle_nodes n JOIN unnest(@levels::smallint[], @idxs::bigint[]) AS k(level, idx) ON n.level = k.level AND n.idx = k.idx;

-- The chain hashes of a run of positions, for the Merkle tree's leaves: seq and hash only.
SELECT seq, hash FROM journal_events WHERE seq >= $from AND seq <= $to ORDER BY seq;

-- Snapshots folded at another erasure count may hold an erased payload's data: removed (secure_delete
-- zeroes the bytes). Two ranges rather than <>, so the erasures index answers it.
DELETE FROM aggregate_snapshots WHERE erasures < $erasures OR erasures > $erasures;

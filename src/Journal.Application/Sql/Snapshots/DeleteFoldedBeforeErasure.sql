-- Snapshots folded before the tape's latest erasure may hold an erased payload's data: removed (secure_delete zeroes the bytes).
DELETE FROM aggregate_snapshots WHERE erasures <> $erasures;

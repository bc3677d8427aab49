-- The tape's Merkle tree, a side file rebuilt from the tape whenever it cannot be trusted (docs/operations.md).
-- merkle_nodes: the complete subtrees from level 4 up (16 leaves and more); node idx at level L covers the leaves
-- [idx * 2^L, (idx + 1) * 2^L), leaf i being the event at seq i + 1.
CREATE TABLE IF NOT EXISTS merkle_nodes (
    level INTEGER NOT NULL CHECK (level BETWEEN 4 AND 62),
    idx   INTEGER NOT NULL CHECK (idx >= 0),
    hash  BLOB    NOT NULL CHECK (length(hash) = 32),
    PRIMARY KEY (level, idx)
) WITHOUT ROWID;

-- One row: the leaves built so far, the tape it was built from and the tape's hash at that size (a replaced or
-- rewritten tape is caught at open by either).
CREATE TABLE IF NOT EXISTS merkle_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    built_size INTEGER NOT NULL CHECK (built_size >= 0),
    journal_id TEXT    NOT NULL,
    built_hash BLOB
);

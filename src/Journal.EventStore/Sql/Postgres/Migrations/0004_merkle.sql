-- The tape's Merkle tree (docs/hash-chain.md, "Merkle tree and proofs"): the complete subtrees from level 4 up
-- (16 leaves and more), built from the tape by every instance as it follows the commits. Node idx at level L covers
-- the leaves [idx * 2^L, (idx + 1) * 2^L), leaf i being the event at seq i + 1. A node's hash depends on the tape
-- alone, so instances building the same node at once insert the same row (ON CONFLICT DO NOTHING).
CREATE TABLE journal_merkle_nodes (
    level smallint NOT NULL CHECK (level BETWEEN 4 AND 62),
    idx   bigint   NOT NULL CHECK (idx >= 0),
    hash  bytea    NOT NULL CHECK (octet_length(hash) = 32),
    PRIMARY KEY (level, idx)
);

-- One row: the leaves built so far, the journal they were built from and the tape's hash at that size.
CREATE TABLE journal_merkle_state (
    id         smallint PRIMARY KEY CHECK (id = 1),
    built_size bigint   NOT NULL CHECK (built_size >= 0),
    journal_id text     NOT NULL,
    built_hash bytea
);

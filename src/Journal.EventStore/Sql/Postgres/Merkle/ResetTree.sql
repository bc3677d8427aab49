DELETE FROM journal_merkle_nodes;
DELETE FROM journal_merkle_state;

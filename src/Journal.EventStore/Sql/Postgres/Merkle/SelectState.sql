SELECT built_size, journal_id, built_hash FROM journal_merkle_state WHERE id = 1;

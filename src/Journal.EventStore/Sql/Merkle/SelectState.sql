SELECT built_size, journal_id, built_hash FROM merkle_state WHERE id = 1;

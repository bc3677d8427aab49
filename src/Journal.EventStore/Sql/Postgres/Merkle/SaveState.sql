-- Moves the built size forward only: of several instances building at once, the slower never takes it back.
INSERT INTO journal_merkle_state (id, built_size, journal_id, built_hash) VALUES (1, @built_size, @journal_id, @built_hash)
ON CONFLICT (id) DO UPDATE SET built_size = excluded.built_size, journal_id = excluded.journal_id, built_hash = excluded.built_hash
WHERE excluded.built_size > journal_merkle_state.built_size OR excluded.journal_id <> journal_merkle_state.journal_id;

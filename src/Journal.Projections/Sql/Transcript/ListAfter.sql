-- Oldest first from the entry after $after_sequence (the keyset: sequence numbers are gapless per session).
-- The session is the one asked for, so it is not read back.
SELECT sequence, entry_id, kind, text, run_id, tool_name, position, recorded_at
FROM transcript_v1_entries
WHERE session_id = $session_id AND sequence > $after_sequence
ORDER BY sequence
LIMIT $limit;

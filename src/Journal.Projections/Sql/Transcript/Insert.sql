INSERT INTO transcript_v1_entries (session_id, sequence, entry_id, kind, text, run_id, tool_name, position, recorded_at)
VALUES ($session_id, $sequence, $entry_id, $kind, $text, $run_id, $tool_name, $position, $recorded_at);

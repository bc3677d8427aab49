SELECT session_id, principal, device, channel, session_key, label, state, created_at, updated_at, archived_at,
       last_run_id, last_run_status, run_count, transcript_entry_count, foreground_run_id, stream_version, last_position
FROM sessions_v2_sessions
WHERE session_id = $session_id;

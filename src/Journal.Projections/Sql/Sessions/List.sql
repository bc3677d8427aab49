-- Newest first by (updated_at, session_id); the cursor is the key of the previous page's last row.
SELECT session_id, principal, device, channel, session_key, label, state, created_at, updated_at, archived_at,
       last_run_id, last_run_status, run_count, transcript_entry_count, foreground_run_id, stream_version, last_position
FROM sessions_v2_sessions
WHERE ($principal IS NULL OR principal = $principal)
  AND ($channel IS NULL OR channel = $channel)
  AND ($state IS NULL OR state = $state)
  AND ($after_updated_at IS NULL
       OR updated_at < $after_updated_at
       OR (updated_at = $after_updated_at AND session_id < $after_session_id))
ORDER BY updated_at DESC, session_id DESC
LIMIT $limit;

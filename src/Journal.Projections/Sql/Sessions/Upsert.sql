INSERT INTO sessions_v2_sessions (
    session_id, principal, device, channel, session_key, label, state, created_at, updated_at, archived_at,
    last_run_id, last_run_status, run_count, transcript_entry_count, foreground_run_id, stream_version, last_position)
VALUES (
    $session_id, $principal, $device, $channel, $session_key, $label, $state, $created_at, $updated_at, $archived_at,
    $last_run_id, $last_run_status, $run_count, $transcript_entry_count, $foreground_run_id, $stream_version, $last_position)
ON CONFLICT (session_id) DO UPDATE SET
    label = excluded.label,
    state = excluded.state,
    updated_at = excluded.updated_at,
    archived_at = excluded.archived_at,
    last_run_id = excluded.last_run_id,
    last_run_status = excluded.last_run_status,
    run_count = excluded.run_count,
    transcript_entry_count = excluded.transcript_entry_count,
    foreground_run_id = excluded.foreground_run_id,
    stream_version = excluded.stream_version,
    last_position = excluded.last_position;

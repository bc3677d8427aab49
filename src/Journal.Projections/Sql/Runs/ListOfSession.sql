-- A session's runs, newest first; the cursor is the acceptance position of the previous page's last row.
SELECT run_id, session_id, kind, parent_run_id, status, cancel_requested, input_tokens, output_tokens,
       accepted_at, started_at, ended_at, failure_reason, orphaned, accepted_position, stream_version, last_position
FROM runs_v2_runs
WHERE session_id = $session_id
  AND ($before_position IS NULL OR accepted_position < $before_position)
ORDER BY accepted_position DESC
LIMIT $limit;

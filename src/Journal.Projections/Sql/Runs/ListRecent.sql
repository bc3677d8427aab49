-- The latest runs across every session, newest first (by acceptance).
SELECT run_id, session_id, kind, parent_run_id, status, cancel_requested, input_tokens, output_tokens,
       accepted_at, started_at, ended_at, failure_reason, orphaned, accepted_position, stream_version, last_position
FROM runs_v2_runs
ORDER BY accepted_position DESC
LIMIT $limit;

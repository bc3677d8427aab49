SELECT run_id, session_id, kind, parent_run_id, status, cancel_requested, input_tokens, output_tokens,
       accepted_at, started_at, ended_at, failure_reason, orphaned, accepted_position, stream_version, last_position
FROM runs_v2_runs
WHERE run_id = $run_id;

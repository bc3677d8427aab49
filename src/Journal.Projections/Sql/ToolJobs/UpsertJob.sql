INSERT INTO tooljobs_v1_jobs (
    job_id, session_id, run_id, tool_name, arguments, status, attempt, exit_code, failure_reason, interrupted,
    queued_at, started_at, ended_at, output_chunks, stream_version, last_position)
VALUES (
    $job_id, $session_id, $run_id, $tool_name, $arguments, $status, $attempt, $exit_code, $failure_reason, $interrupted,
    $queued_at, $started_at, $ended_at, $output_chunks, $stream_version, $last_position)
ON CONFLICT (job_id) DO UPDATE SET
    session_id = excluded.session_id,
    run_id = excluded.run_id,
    tool_name = excluded.tool_name,
    arguments = excluded.arguments,
    status = excluded.status,
    attempt = excluded.attempt,
    exit_code = excluded.exit_code,
    failure_reason = excluded.failure_reason,
    interrupted = excluded.interrupted,
    queued_at = excluded.queued_at,
    started_at = excluded.started_at,
    ended_at = excluded.ended_at,
    output_chunks = excluded.output_chunks,
    stream_version = excluded.stream_version,
    last_position = excluded.last_position;

SELECT job_id, session_id, run_id, tool_name, arguments, status, attempt, exit_code, failure_reason, interrupted,
       queued_at, started_at, ended_at, output_chunks, stream_version, last_position
FROM tooljobs_v1_jobs
WHERE job_id = $job_id;

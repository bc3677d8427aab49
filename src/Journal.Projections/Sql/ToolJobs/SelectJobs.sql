-- Newest first; keyset on (queued_at, job_id) after the cursor's row; one row more than the page to see if another follows.
SELECT job_id, session_id, run_id, tool_name, arguments, status, attempt, exit_code, failure_reason, interrupted,
       queued_at, started_at, ended_at, output_chunks, stream_version, last_position
FROM tooljobs_v1_jobs
WHERE ($status IS NULL OR status = $status)
  AND ($session_id IS NULL OR session_id = $session_id)
  AND ($after_queued_at IS NULL OR (queued_at, job_id) < ($after_queued_at, $after_job_id))
ORDER BY queued_at DESC, job_id DESC
LIMIT $limit;

-- Newest first; keyset on record_seq.
SELECT record_seq, run_id, job_id, tick, ticks, attempt, run_trigger, status, reason, error, recorded_at, started_at, timeout_at, finished_at, retry_at
FROM cron_v1_runs
WHERE job_id = $job_id
  AND ($after_seq IS NULL OR record_seq < $after_seq)
ORDER BY record_seq DESC
LIMIT $limit;

SELECT record_seq, run_id, job_id, tick, ticks, attempt, run_trigger, status, reason, error, recorded_at, started_at, timeout_at, finished_at, retry_at
FROM cron_v1_runs
WHERE status = 'Active'
ORDER BY timeout_at, record_seq
LIMIT $limit;

INSERT INTO cron_v1_runs (record_seq, run_id, job_id, tick, ticks, attempt, run_trigger, status, reason, error, recorded_at, started_at, timeout_at, finished_at, retry_at)
VALUES ($record_seq, $run_id, $job_id, $tick, $ticks, $attempt, $run_trigger, $status, $reason, NULL, $recorded_at, $started_at, $timeout_at, NULL, NULL)
ON CONFLICT (record_seq) DO NOTHING;

UPDATE cron_v1_runs SET status = $status, reason = $reason, error = $error, finished_at = $finished_at
WHERE run_id = $run_id;

UPDATE cron_v1_runs SET retry_at = $retry_at WHERE run_id = $run_id;

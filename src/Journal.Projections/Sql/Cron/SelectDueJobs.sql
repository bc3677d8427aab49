SELECT job_id FROM cron_v1_jobs
WHERE wake_at IS NOT NULL AND wake_at <= $now
ORDER BY wake_at, job_id
LIMIT $limit;

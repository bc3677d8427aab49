SELECT MIN(wake_at) FROM cron_v1_jobs WHERE wake_at IS NOT NULL;

-- The projection's own read-back (deleted rows included), used when its cache does not hold the job.
SELECT state_json FROM cron_v1_jobs WHERE job_id = $job_id;

SELECT state_json, stream_version, last_position, sort_next, job_id
FROM cron_v1_jobs
WHERE job_id = $job_id AND deleted = 0;

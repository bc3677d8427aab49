-- Next to run first; keyset on (sort_next, job_id); one row more than the page to see if another follows.
SELECT state_json, stream_version, last_position, sort_next, job_id
FROM cron_v1_jobs
WHERE deleted = 0
  AND ($owner IS NULL OR owner = $owner)
  AND ($enabled IS NULL OR enabled = $enabled)
  AND ($due_before IS NULL OR next_run_at <= $due_before)
  AND ($after_sort IS NULL OR (sort_next, job_id) > ($after_sort, $after_job_id))
ORDER BY sort_next, job_id
LIMIT $limit;

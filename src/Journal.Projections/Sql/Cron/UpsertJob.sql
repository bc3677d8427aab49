INSERT INTO cron_v1_jobs (
    job_id, owner, enabled, deleted, in_review, next_run_at, sort_next, wake_at, active_run_id, active_timeout_at,
    state_json, stream_version, last_position)
VALUES (
    $job_id, $owner, $enabled, $deleted, $in_review, $next_run_at, $sort_next, $wake_at, $active_run_id, $active_timeout_at,
    $state_json, $stream_version, $last_position)
ON CONFLICT (job_id) DO UPDATE SET
    owner = excluded.owner,
    enabled = excluded.enabled,
    deleted = excluded.deleted,
    in_review = excluded.in_review,
    next_run_at = excluded.next_run_at,
    sort_next = excluded.sort_next,
    wake_at = excluded.wake_at,
    active_run_id = excluded.active_run_id,
    active_timeout_at = excluded.active_timeout_at,
    state_json = excluded.state_json,
    stream_version = excluded.stream_version,
    last_position = excluded.last_position;

-- Due backlog (jobs the scheduler should have looked at by now), stale runs (active past their timeout),
-- jobs in review, active runs, and when the scheduler next wakes.
SELECT
    (SELECT COUNT(*) FROM cron_v1_jobs WHERE wake_at IS NOT NULL AND wake_at <= $now),
    (SELECT COUNT(*) FROM cron_v1_runs WHERE status = 'Active' AND timeout_at <= $now),
    (SELECT COUNT(*) FROM cron_v1_jobs WHERE in_review = 1 AND deleted = 0),
    (SELECT COUNT(*) FROM cron_v1_runs WHERE status = 'Active'),
    (SELECT COUNT(*) FROM cron_v1_jobs WHERE enabled = 1 AND deleted = 0),
    (SELECT MIN(wake_at) FROM cron_v1_jobs WHERE wake_at IS NOT NULL),
    (SELECT MIN(wake_at) FROM cron_v1_jobs WHERE wake_at IS NOT NULL AND wake_at <= $now);

SELECT approval_id FROM approvals_v1_approvals
WHERE pending = 1 AND expires_at <= $now
ORDER BY expires_at, approval_id
LIMIT $limit;

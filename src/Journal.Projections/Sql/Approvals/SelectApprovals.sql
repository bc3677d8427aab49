-- Pending first, then newest; keyset on (pending, requested_at, approval_id); one row more than the page to see if another follows.
SELECT approval_id, session_id, subject_type, subject_id, summary, scope, duration_seconds, expires_at, status,
       decision, decided_by, reason, remembered, remembered_until, requested_at, resolved_at, stream_version, last_position,
       pending
FROM approvals_v1_approvals
WHERE ($subject_type IS NULL OR subject_type = $subject_type)
  AND ($subject_id IS NULL OR subject_id = $subject_id)
  AND ($session_id IS NULL OR session_id = $session_id)
  AND ($status IS NULL OR status = $status)
  AND ($after_pending IS NULL OR (pending, requested_at, approval_id) < ($after_pending, $after_requested_at, $after_approval_id))
ORDER BY pending DESC, requested_at DESC, approval_id DESC
LIMIT $limit;

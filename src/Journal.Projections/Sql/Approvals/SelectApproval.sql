SELECT approval_id, session_id, subject_type, subject_id, summary, scope, duration_seconds, expires_at, status,
       decision, decided_by, reason, remembered, remembered_until, requested_at, resolved_at, stream_version, last_position
FROM approvals_v1_approvals
WHERE approval_id = $approval_id;

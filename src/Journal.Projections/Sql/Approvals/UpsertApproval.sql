INSERT INTO approvals_v1_approvals (
    approval_id, session_id, subject_type, subject_id, summary, scope, duration_seconds, expires_at, status, pending,
    decision, decided_by, reason, remembered, remembered_until, requested_at, resolved_at, stream_version, last_position)
VALUES (
    $approval_id, $session_id, $subject_type, $subject_id, $summary, $scope, $duration_seconds, $expires_at, $status, $pending,
    $decision, $decided_by, $reason, $remembered, $remembered_until, $requested_at, $resolved_at, $stream_version, $last_position)
ON CONFLICT (approval_id) DO UPDATE SET
    session_id = excluded.session_id,
    subject_type = excluded.subject_type,
    subject_id = excluded.subject_id,
    summary = excluded.summary,
    scope = excluded.scope,
    duration_seconds = excluded.duration_seconds,
    expires_at = excluded.expires_at,
    status = excluded.status,
    pending = excluded.pending,
    decision = excluded.decision,
    decided_by = excluded.decided_by,
    reason = excluded.reason,
    remembered = excluded.remembered,
    remembered_until = excluded.remembered_until,
    requested_at = excluded.requested_at,
    resolved_at = excluded.resolved_at,
    stream_version = excluded.stream_version,
    last_position = excluded.last_position;

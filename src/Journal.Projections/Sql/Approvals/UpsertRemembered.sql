-- A newer remembered answer for the same session and subject supersedes the older one.
INSERT INTO approvals_v1_remembered (
    session_id, subject_type, subject_id, approval_id, scope, decision, decided_by, decided_at, remembered_until, position)
VALUES (
    $session_id, $subject_type, $subject_id, $approval_id, $scope, $decision, $decided_by, $decided_at, $remembered_until, $position)
ON CONFLICT (session_id, subject_type, subject_id) DO UPDATE SET
    approval_id = excluded.approval_id,
    scope = excluded.scope,
    decision = excluded.decision,
    decided_by = excluded.decided_by,
    decided_at = excluded.decided_at,
    remembered_until = excluded.remembered_until,
    position = excluded.position;

-- The remembered answer that applies at $at: given by then, and (for a time box) not yet over.
SELECT approval_id, session_id, subject_type, subject_id, scope, decision, decided_by, decided_at, remembered_until
FROM approvals_v1_remembered
WHERE session_id = $session_id
  AND subject_type = $subject_type
  AND subject_id = $subject_id
  AND decided_at <= $at
  AND (remembered_until IS NULL OR remembered_until > $at);

DELETE FROM approvals_v1_remembered WHERE session_id = $session_id;

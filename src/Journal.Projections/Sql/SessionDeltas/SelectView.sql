SELECT view FROM session_deltas_v1_views WHERE session_id = $session_id;

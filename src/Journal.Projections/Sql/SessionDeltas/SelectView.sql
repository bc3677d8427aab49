SELECT view FROM session_deltas_v3_views WHERE session_id = $session_id;

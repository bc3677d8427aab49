SELECT view FROM session_deltas_v4_views WHERE session_id = $session_id;

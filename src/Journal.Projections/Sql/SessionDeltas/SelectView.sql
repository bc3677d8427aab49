SELECT view FROM session_deltas_v2_views WHERE session_id = $session_id;

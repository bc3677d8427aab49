INSERT INTO session_deltas_v4_views (session_id, view) VALUES ($session_id, $view)
ON CONFLICT (session_id) DO UPDATE SET view = excluded.view;

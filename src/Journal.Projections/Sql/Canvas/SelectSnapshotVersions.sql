SELECT version FROM canvas_v1_snapshots WHERE canvas_id = $canvas_id ORDER BY version;

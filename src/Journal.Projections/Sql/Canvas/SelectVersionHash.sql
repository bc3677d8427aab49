SELECT state_sha256 FROM canvas_v1_versions WHERE canvas_id = $canvas_id AND version = $version;

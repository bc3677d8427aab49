SELECT count(*) FROM canvas_v1_mismatches;

-- The tail is a contiguous run of chunk numbers: everything below the first kept one goes (all of it when nothing is kept).
DELETE FROM tooljobs_v1_output
WHERE job_id = $job_id AND ($first_kept IS NULL OR chunk_index < $first_kept);

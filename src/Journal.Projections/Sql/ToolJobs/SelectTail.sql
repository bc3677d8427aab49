SELECT chunk_index, stream, text, byte_count, sha256, at
FROM tooljobs_v1_output
WHERE job_id = $job_id
ORDER BY chunk_index;

INSERT OR IGNORE INTO tooljobs_v1_output (job_id, chunk_index, stream, text, byte_count, sha256, at)
VALUES ($job_id, $chunk_index, $stream, $text, $byte_count, $sha256, $at);

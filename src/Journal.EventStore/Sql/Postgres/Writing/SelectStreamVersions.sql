-- One backward index probe per stream (not an aggregate over every version of it).
SELECT s.stream_id,
       COALESCE((SELECT e.stream_version FROM journal_events e WHERE e.stream_id = s.stream_id ORDER BY e.stream_version DESC LIMIT 1), 0)
FROM unnest(@streams::text[]) AS s(stream_id);

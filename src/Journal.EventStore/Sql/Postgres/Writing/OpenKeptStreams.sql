-- Adds to the kept open set the streams whose last opening or closing event after @after is an opening one (the
-- writer passes the head before its group; a registration passes 0 and its category). Sorted so two writers
-- touch the rows in the same order.
INSERT INTO journal_open_streams (category, stream_id)
SELECT m.category, m.stream_id
FROM (SELECT DISTINCT ON (k.category, e.stream_id) k.category, e.stream_id, k.opens
      FROM journal_events e JOIN journal_open_types k ON k.event_type = e.event_type
      WHERE e.seq > @after
        AND (@category::text IS NULL OR k.category = @category::text)
        AND starts_with(e.stream_id, k.category || '-')
      ORDER BY k.category, e.stream_id, e.seq DESC) m
WHERE m.opens
ORDER BY 1, 2
ON CONFLICT DO NOTHING;

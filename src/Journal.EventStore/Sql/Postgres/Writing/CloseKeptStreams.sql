-- Removes from the kept open set the streams whose last opening or closing event after @after is a closing one.
DELETE FROM journal_open_streams o
USING (SELECT DISTINCT ON (k.category, e.stream_id) k.category, e.stream_id, k.opens
       FROM journal_events e JOIN journal_open_types k ON k.event_type = e.event_type
       WHERE e.seq > @after
         AND starts_with(e.stream_id, k.category || '-')
       ORDER BY k.category, e.stream_id, e.seq DESC) m
WHERE NOT m.opens AND o.category = m.category AND o.stream_id = m.stream_id;
